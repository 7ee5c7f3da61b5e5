#pragma once
// Real name server and broker processes for client tests, and a thread-safe collector the
// listeners fill and the tests wait on.
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "java_reference.hpp"
#include "rocketmq/message.hpp"
#include "rocketmq/options.hpp"
#include "rocketmq/push_consumer.hpp"
#include "server_processes.hpp"

namespace rmq::test {

/// The Java reference's bin-java when the client tests run against Apache RocketMQ 4.9.8
/// (RMQ_CLIENT_TEST_BROKER=java and RMQ_JAVA_REFERENCE=<its folder>), else empty.
inline std::string java_reference_launcher() {
    const char* which = std::getenv("RMQ_CLIENT_TEST_BROKER");
    if (!which || std::string(which) != "java") return {};
    return java_launcher_or_skip();
}

/// Our mqnamesrv and mqbroker, or Apache RocketMQ's (RMQ_CLIENT_TEST_BROKER=java): the client
/// must behave the same against both.
struct ClientCluster {
    TempDir dir;
    ServerProcess ns;
    ServerProcess broker;
    explicit ClientCluster(std::vector<std::string> broker_settings = {}) {
        if (const auto java = java_reference_launcher(); !java.empty()) {
            ns = start_java_namesrv(dir, java);
            broker = start_java_broker(dir, java, "java-store", ns.addr, broker_settings);
            return;
        }
        ns = start_namesrv(dir, "ns");
        broker = start_broker(dir, "broker-a", ns.addr, std::move(broker_settings));
        // The broker registers before "boot success"; a first registration that failed would
        // only be retried 30 s later, so a test starts once the name server routes TBW102.
        remoting::RemotingClient raw;
        REQUIRE(wait_for_route(raw, ns.addr, "TBW102", [](int code) { return code == 0; }) == 0);
    }
    rocketmq::ClientOptions client(std::string instance = "DEFAULT") const {
        rocketmq::ClientOptions c;
        c.namesrv_addr = ns.addr;
        c.instance_name = std::move(instance);
        return c;
    }
};

/// Messages received by listeners, from any thread.
class Received {
  public:
    void add(const rocketmq::ReceivedMessage& m) {
        std::lock_guard lock(mutex_);
        messages_.push_back(m);
        changed_.notify_all();
    }
    /// Waits until `predicate(messages)` holds; false at the timeout.
    bool wait(const std::function<bool(const std::vector<rocketmq::ReceivedMessage>&)>& predicate,
              std::chrono::milliseconds timeout) {
        std::unique_lock lock(mutex_);
        return changed_.wait_for(lock, timeout, [&] { return predicate(messages_); });
    }
    bool wait_for_count(size_t n, std::chrono::milliseconds timeout) {
        return wait([n](const auto& all) { return all.size() >= n; }, timeout);
    }
    std::vector<rocketmq::ReceivedMessage> snapshot() const {
        std::lock_guard lock(mutex_);
        return messages_;
    }
    std::vector<std::string> bodies() const {
        std::lock_guard lock(mutex_);
        std::vector<std::string> out;
        for (const auto& m : messages_)
            out.push_back(m.body);
        return out;
    }

  private:
    mutable std::mutex mutex_;
    std::condition_variable changed_;
    std::vector<rocketmq::ReceivedMessage> messages_;
};

/// A listener that hands every message to `received` and answers `result`.
inline rocketmq::MessageListener collect_into(
    Received& received, rocketmq::ConsumeResult result = rocketmq::ConsumeResult::success) {
    return [&received, result](std::span<const rocketmq::ReceivedMessage> batch,
                               rocketmq::ConsumeContext&) {
        for (const auto& m : batch)
            received.add(m);
        return result;
    };
}

}  // namespace rmq::test
