#pragma once
// The bounded queue between the coroutines that produce frames (responses, our requests) and the
// connection's single writer. Bounded in frames and bytes: a producer that finds it full waits,
// so a peer that stops reading stops us from reading its requests instead of growing memory.
// Used on the connection's thread only; the counters are atomics so other threads may read them.
#include <atomic>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstddef>
#include <deque>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "remoting/command.hpp"

namespace rmq::remoting {

namespace asio = boost::asio;

/// A command ready for the socket: the encoded length/header prefix plus the body pieces, which
/// are written in place (no copy into one buffer).
struct OutFrame {
    std::string prefix;
    std::string body;
    std::vector<std::span<const char>> body_views;
    std::shared_ptr<const void> body_owner;  // keeps body_views alive until written

    static OutFrame encode(RemotingCommand&& cmd);
    size_t size() const;
};

class WriteQueue {
  public:
    using Executor = asio::io_context::executor_type;
    using Clock = std::chrono::steady_clock;
    enum class PushResult { Ok, Closed, TimedOut };

    WriteQueue(const Executor& executor, size_t capacity, size_t max_bytes);

    /// Queues `frame`, waiting for room while the queue is full (until `deadline` if given).
    asio::awaitable<PushResult> push(OutFrame frame, std::optional<Clock::time_point> deadline);

    /// Writer side: waits until a frame is queued; false once closed.
    asio::awaitable<bool> wait_nonempty();
    /// Moves queued frames into `batch` (at least one if any, then up to the limits). They still
    /// count against the capacity until release().
    void take(std::vector<OutFrame>& batch, size_t max_frames, size_t max_bytes);
    /// The batch has been written: frees its room, wakes waiting producers and clears it.
    void release(std::vector<OutFrame>& batch);

    /// Drops queued frames and fails current and future pushes.
    void close();
    bool closed() const { return closed_; }
    /// Nothing queued and nothing taken but unreleased.
    bool drained() const { return count_.load(std::memory_order_relaxed) == 0; }

    size_t size() const { return count_.load(std::memory_order_relaxed); }
    size_t peak() const { return peak_.load(std::memory_order_relaxed); }

  private:
    using Timer = asio::basic_waitable_timer<Clock, asio::wait_traits<Clock>, Executor>;

    bool has_room(size_t frame_size) const;
    void set_count(size_t count, size_t bytes);

    size_t capacity_;
    size_t max_bytes_;
    std::deque<OutFrame> frames_;
    size_t bytes_ = 0;  // queued plus taken-but-unreleased
    std::atomic<size_t> count_{0};
    std::atomic<size_t> peak_{0};
    bool closed_ = false;
    size_t producers_waiting_ = 0;
    bool consumer_waiting_ = false;
    // Never-expiring timers used as condition variables: cancel() wakes every waiter.
    Timer not_full_;
    Timer not_empty_;
};

}  // namespace rmq::remoting
