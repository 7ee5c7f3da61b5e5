#pragma once
// A bounded wait for a condition a test cannot be told about (a peer's periodic sync, a route a
// name server learns asynchronously): polls `holds` until it is true or `timeout` passed.
#include <chrono>
#include <functional>
#include <thread>

namespace rmq::test {

inline bool eventually(const std::function<bool()>& holds, std::chrono::milliseconds timeout,
                       std::chrono::milliseconds poll = std::chrono::milliseconds(50)) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!holds()) {
        if (std::chrono::steady_clock::now() > deadline) return false;
        std::this_thread::sleep_for(poll);
    }
    return true;
}

}  // namespace rmq::test
