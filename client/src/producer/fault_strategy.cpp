#include "producer/fault_strategy.hpp"

#include <random>

namespace rocketmq::detail {

namespace {
/// Java isolates a broker whose send failed as if it had answered in 30 s.
constexpr int64_t kIsolationLatencyMs = 30'000;
}  // namespace

FaultStrategy::FaultStrategy(const ProducerOptions& options)
    : enabled_(options.send_latency_fault_enable),
      latency_max_(options.latency_max),
      not_available_duration_(options.not_available_duration),
      counter_(std::random_device{}()) {
}

int64_t FaultStrategy::not_available_for(int64_t latency_ms) const {
    for (size_t i = latency_max_.size(); i-- > 0;)
        if (latency_ms >= latency_max_[i] && i < not_available_duration_.size())
            return not_available_duration_[i];
    return 0;
}

void FaultStrategy::record(const std::string& broker, std::chrono::milliseconds latency,
                           bool isolate) {
    if (!enabled_) return;
    const int64_t ms = isolate ? kIsolationLatencyMs : latency.count();
    auto& item = items_[broker];
    item.latency_ms = ms;
    item.available_from =
        std::chrono::steady_clock::now() + std::chrono::milliseconds(not_available_for(ms));
}

bool FaultStrategy::available(const std::string& broker) const {
    auto it = items_.find(broker);
    return it == items_.end() || std::chrono::steady_clock::now() >= it->second.available_from;
}

MessageQueue FaultStrategy::select(const std::vector<MessageQueue>& queues,
                                   const std::string& last_broker) {
    const size_t n = queues.size();
    if (enabled_) {
        for (size_t i = 0; i < n; ++i) {
            const auto& q = queues[next_index() % n];
            if (available(q.broker_name)) return q;
        }
        // Every broker is being avoided: take the one that becomes available first.
        const Item* best = nullptr;
        std::string best_broker;
        for (const auto& [broker, item] : items_) {
            if (!best || item.available_from < best->available_from) {
                best = &item;
                best_broker = broker;
            }
        }
        for (size_t i = 0; i < n; ++i) {
            const auto& q = queues[next_index() % n];
            if (q.broker_name == best_broker) return q;
        }
        return queues[next_index() % n];
    }
    if (!last_broker.empty()) {
        for (size_t i = 0; i < n; ++i) {
            const auto& q = queues[next_index() % n];
            if (q.broker_name != last_broker) return q;
        }
    }
    return queues[next_index() % n];
}

}  // namespace rocketmq::detail
