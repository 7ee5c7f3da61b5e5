#pragma once
// The messages of one held queue between pull and consume (Java's ProcessQueue): cached by
// queue offset, with the counts flow control reads and the offset that is safe to commit.
// On the consumer's executor only.
#include <chrono>
#include <cstdint>
#include <map>
#include <vector>

#include "rocketmq/message.hpp"

namespace rocketmq::detail {

class ProcessQueue {
  public:
    using Clock = std::chrono::steady_clock;

    /// Adds messages not cached yet; returns whether any was new.
    bool put(std::vector<ReceivedMessage> messages);
    /// Removes the consumed messages at `queue_offsets`; the offset to commit: the lowest offset
    /// still cached, or one past the highest ever cached when nothing is left; -1 when nothing
    /// was cached.
    int64_t remove(const std::vector<int64_t>& queue_offsets);

    size_t count() const { return cached_.size() + consuming_.size(); }
    size_t bytes() const { return bytes_; }
    /// Offset span of what is cached (consumeConcurrentlyMaxSpan flow control).
    int64_t span() const;

    // Orderly consumption: messages move to a consuming set until committed or given back.
    std::vector<ReceivedMessage> take(size_t max);
    /// Commits what take() handed out; returns the offset to commit (one past it), or -1.
    int64_t commit();
    /// Gives taken messages back to be consumed again.
    void give_back(std::vector<ReceivedMessage> messages);

    bool dropped = false;
    bool locked = false;
    Clock::time_point last_lock_time{};
    Clock::time_point last_pull_time{};
    Clock::time_point last_consume_time{};
    /// Orderly: a consume loop runs for this queue.
    bool consuming = false;
    int64_t next_offset = 0;
    int64_t try_unlock_times = 0;
    /// The highest offset ever cached.
    int64_t max_offset = -1;

    bool lock_expired(
        std::chrono::milliseconds max_live = std::chrono::milliseconds(30'000)) const {
        return Clock::now() - last_lock_time > max_live;
    }
    int64_t min_cached_offset() const { return cached_.empty() ? 0 : cached_.begin()->first; }
    int64_t max_cached_offset() const { return cached_.empty() ? 0 : cached_.rbegin()->first; }

  private:
    std::map<int64_t, ReceivedMessage> cached_;
    std::map<int64_t, ReceivedMessage> consuming_;
    size_t bytes_ = 0;
};

}  // namespace rocketmq::detail
