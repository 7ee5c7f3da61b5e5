#pragma once
// Queue locks for orderly consumption (RebalanceLockManager, spec/behaviours.md §2.11): per
// consumer group, which client holds each queue. A lock is granted when the queue is free,
// already held by the asker (refreshed), or its holder has not refreshed it for
// `max_live` (60 s, rocketmq.broker.rebalance.lockMaxLiveTime). Kept in memory only, as in Java.
#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "body/message_queue.hpp"

namespace rmq::broker {

class RebalanceLockManager {
  public:
    using Clock = std::chrono::steady_clock;

    explicit RebalanceLockManager(std::chrono::milliseconds max_live = std::chrono::seconds(60),
                                  std::function<Clock::time_point()> now = Clock::now)
        : max_live_(max_live), now_(std::move(now)) {}

    /// LOCK_BATCH_MQ: the queues of `queues` that `client_id` holds after the call.
    std::vector<body::MessageQueue> try_lock(const std::string& group,
                                             const std::vector<body::MessageQueue>& queues,
                                             const std::string& client_id);
    /// UNLOCK_BATCH_MQ: releases the queues `client_id` holds; others' locks stay.
    void unlock(const std::string& group, const std::vector<body::MessageQueue>& queues,
                const std::string& client_id);
    /// Whether `client_id` holds `queue` now (no refresh).
    bool holds(const std::string& group, const body::MessageQueue& queue,
               const std::string& client_id) const;

  private:
    struct Lock {
        std::string client_id;
        Clock::time_point refreshed;
    };
    bool expired(const Lock& lock, Clock::time_point now) const {
        return now - lock.refreshed > max_live_;
    }

    std::chrono::milliseconds max_live_;
    std::function<Clock::time_point()> now_;
    mutable std::mutex mutex_;
    std::unordered_map<std::string, std::map<body::MessageQueue, Lock>> groups_;
};

}  // namespace rmq::broker
