#pragma once
// What the fault tests check: every message a broker acknowledged (SEND_OK) is consumed at least
// once. The ledger records each send's answer and each delivery, from any thread, and reports
// losses (acknowledged, never consumed) and duplicates (consumed more than once).
#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "rocketmq/message.hpp"

namespace rmq::test {

struct DeliveryReport {
    size_t acknowledged = 0;         // SEND_OK
    size_t stored_with_warning = 0;  // SLAVE_NOT_AVAILABLE, FLUSH_SLAVE_TIMEOUT, FLUSH_DISK_TIMEOUT
    size_t failed = 0;               // no answer or an error: may or may not be stored
    size_t consumed = 0;             // distinct messages
    size_t deliveries = 0;           // all deliveries, duplicates included
    std::vector<std::string> lost;   // acknowledged, never consumed

    size_t duplicates() const { return deliveries - consumed; }
    std::string summary() const {
        return "acknowledged " + std::to_string(acknowledged) + ", stored with a warning "
               + std::to_string(stored_with_warning) + ", failed " + std::to_string(failed)
               + ", consumed " + std::to_string(consumed) + ", duplicates "
               + std::to_string(duplicates()) + ", lost " + std::to_string(lost.size());
    }
};

class DeliveryLedger {
  public:
    void sent(const std::string& id, const rocketmq::SendResult& result) {
        std::lock_guard lock(mutex_);
        if (result.status == rocketmq::SendStatus::send_ok) {
            // A fast consumer may have had it before the answer arrived here.
            if (acknowledged_.insert(id).second && !deliveries_.contains(id)) ++unconsumed_;
            last_ack_ = std::chrono::steady_clock::now();
            ++acknowledged_by_broker_[result.queue.broker_name];
            auto& highest = highest_acknowledged_[result.queue];
            highest = std::max(highest, result.queue_offset);
        } else {
            ++stored_with_warning_;
        }
        changed_.notify_all();
    }
    void failed() {
        std::lock_guard lock(mutex_);
        ++failed_;
    }
    void consumed(const std::string& id) {
        std::lock_guard lock(mutex_);
        if (++deliveries_[id] == 1 && acknowledged_.contains(id)) --unconsumed_;
        changed_.notify_all();
    }

    size_t acknowledged_count() const {
        std::lock_guard lock(mutex_);
        return acknowledged_.size();
    }
    /// When the latest SEND_OK arrived.
    std::chrono::steady_clock::time_point last_ack() const {
        std::lock_guard lock(mutex_);
        return last_ack_;
    }
    /// Waits until `n` messages have been acknowledged in all.
    bool wait_acknowledged(size_t n, std::chrono::milliseconds timeout) {
        std::unique_lock lock(mutex_);
        return changed_.wait_for(lock, timeout, [&] { return acknowledged_.size() >= n; });
    }
    /// Waits until every acknowledged message has been consumed.
    bool wait_all_consumed(std::chrono::milliseconds timeout) {
        std::unique_lock lock(mutex_);
        return changed_.wait_for(lock, timeout, [&] { return unconsumed_ == 0; });
    }

    /// Messages acknowledged by the master of `broker_name` (whichever broker it was).
    size_t acknowledged_by(const std::string& broker_name) const {
        std::lock_guard lock(mutex_);
        auto it = acknowledged_by_broker_.find(broker_name);
        return it == acknowledged_by_broker_.end() ? 0 : it->second;
    }
    bool was_consumed(const std::string& id) const {
        std::lock_guard lock(mutex_);
        return deliveries_.contains(id);
    }

    /// The highest queue offset acknowledged in `queue`; -1 when none was.
    int64_t highest_acknowledged(const rocketmq::MessageQueue& queue) const {
        std::lock_guard lock(mutex_);
        auto it = highest_acknowledged_.find(queue);
        return it == highest_acknowledged_.end() ? -1 : it->second;
    }

    DeliveryReport report() const {
        std::lock_guard lock(mutex_);
        DeliveryReport r;
        r.acknowledged = acknowledged_.size();
        r.stored_with_warning = stored_with_warning_;
        r.failed = failed_;
        r.consumed = deliveries_.size();
        for (const auto& [id, times] : deliveries_)
            r.deliveries += times;
        for (const auto& id : acknowledged_)
            if (!deliveries_.contains(id)) r.lost.push_back(id);
        return r;
    }

  private:
    mutable std::mutex mutex_;
    std::condition_variable changed_;
    std::set<std::string> acknowledged_;
    size_t unconsumed_ = 0;  // acknowledged, not consumed yet
    size_t stored_with_warning_ = 0;
    size_t failed_ = 0;
    std::map<std::string, size_t> deliveries_;
    std::map<rocketmq::MessageQueue, int64_t> highest_acknowledged_;
    std::map<std::string, size_t> acknowledged_by_broker_;
    std::chrono::steady_clock::time_point last_ack_{};
};

}  // namespace rmq::test
