#pragma once
// Which queue a send goes to: round robin over the topic's writable queues, avoiding the broker
// that just failed, and (sendLatencyFaultEnable) brokers that were slow or failing recently
// (Java's MQFaultStrategy and LatencyFaultToleranceImpl).
#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "rocketmq/message.hpp"
#include "rocketmq/options.hpp"

namespace rocketmq::detail {

class FaultStrategy {
  public:
    explicit FaultStrategy(const ProducerOptions& options);

    /// Precondition: `queues` is not empty.
    MessageQueue select(const std::vector<MessageQueue>& queues, const std::string& last_broker);
    /// After each attempt: its latency, and whether the broker should be avoided for a while
    /// regardless of latency (it failed).
    void record(const std::string& broker, std::chrono::milliseconds latency, bool isolate);
    bool available(const std::string& broker) const;

  private:
    struct Item {
        int64_t latency_ms = 0;
        std::chrono::steady_clock::time_point available_from;
    };
    int64_t not_available_for(int64_t latency_ms) const;
    size_t next_index() { return counter_++; }

    bool enabled_;
    std::vector<int64_t> latency_max_;
    std::vector<int64_t> not_available_duration_;
    size_t counter_;
    std::map<std::string, Item> items_;
};

}  // namespace rocketmq::detail
