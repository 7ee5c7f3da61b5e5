#pragma once
// mqadmin's whole behaviour behind one call, so tests run it in-process with their own
// streams and environment. main.cpp only adapts argv and the process environment.
#include <chrono>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace rmq::mqadmin {

struct Environment {
    /// NAMESRV_ADDR, used when -n is absent.
    std::optional<std::string> namesrv_addr;
    /// Per request, connect included (Java's admin default is 5 s).
    std::chrono::milliseconds timeout{5000};

    static Environment from_process();
};

/// Runs `mqadmin <args...>` (args without the program name). Results go to `out`, failures
/// as one line to `err`. Returns 0 on success, 1 when an operation failed, 2 on bad usage.
int run_mqadmin(std::vector<std::string> args, const Environment& env, std::ostream& out,
                std::ostream& err);

}  // namespace rmq::mqadmin
