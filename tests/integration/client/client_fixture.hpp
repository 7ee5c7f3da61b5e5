#pragma once
// Real name server and broker processes for client tests, and a thread-safe collector the
// listeners fill and the tests wait on.
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "rocketmq/message.hpp"
#include "rocketmq/options.hpp"
#include "server_processes.hpp"

namespace rmq::test {

struct ClientCluster {
    TempDir dir;
    ServerProcess ns;
    ServerProcess broker;
    explicit ClientCluster(std::vector<std::string> broker_settings = {}) {
        ns = start_namesrv(dir, "ns");
        broker = start_broker(dir, "broker-a", ns.addr, std::move(broker_settings));
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

}  // namespace rmq::test
