#pragma once
// Delivery of timer messages (RocketMQ 5's TIMER_DELIVER_MS / TIMER_DELAY_MS / TIMER_DELAY_SEC,
// to the millisecond). The send path parks a timer message in rmq_sys_wheel_timer with its due
// time as tags code (timer_rules.hpp). This service reads that queue as it grows, appends each
// timer to the timer log (its 30-second bucket on disk), keeps the timers of the next minute in
// a timing wheel, and at each due time puts the message into its real topic and queue, marking
// it delivered in the log. A restart replays the queue from the checkpoint (timerCheck.json),
// reloads the buckets in reach and skips what was marked delivered: nothing due is lost or
// delivered twice. On a slave it follows: it keeps its own timer log from the replicated queue and
// marks done what the master delivered (each delivery names its timer in __TIMER_SRC), so that
// when promoted it delivers the rest, and nothing twice.
//
// Threading: one coroutine, a service of a service::ServiceRunner on the broker's service pool.
// It sleeps until the next due time, or until the dispatcher signals a new timer; puts are
// awaited, never blocking a thread.
#include <atomic>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <vector>

#include "service/service_runner.hpp"
#include "store/message_store.hpp"
#include "timer/timer_log.hpp"
#include "timer/timer_wheel.hpp"

namespace rmq::broker::timer {

class TimerService {
  public:
    struct Stats {
        int64_t enqueue_offset = 0;  // next rmq_sys_wheel_timer offset to read
        size_t in_wheel = 0;         // timers due within the next minute or so
        uint64_t delivered = 0;      // since start
        size_t buckets = 0;          // timer-log buckets on disk
    };

    TimerService(boost::asio::any_io_executor pool, store::MessageStore& store,
                 std::filesystem::path store_root, std::filesystem::path config_dir);
    ~TimerService();
    TimerService(const TimerService&) = delete;
    TimerService& operator=(const TimerService&) = delete;

    /// timerCheck.json (absent: the queue from its start) and the timer log's directory.
    store::Result<void> load();
    /// A master's service delivers; a slave's follows until promote().
    void start(bool deliver);
    void promote();
    /// Stops the coroutine (a put under way finishes first) and writes the checkpoint.
    void shutdown();
    bool running() const { return started_ && !stopping_; }
    Stats stats() const;

  private:
    struct Signal;
    boost::asio::awaitable<void> run();
    /// A slave's loop, until promoted or stopped.
    boost::asio::awaitable<void> follow(boost::asio::steady_timer& wake);
    void apply_remote_deliveries();
    void drop_followed_buckets(int64_t now_ms);
    store::Result<void> enqueue_new(int64_t now_ms);
    store::Result<void> load_buckets(int64_t now_ms);
    boost::asio::awaitable<void> deliver(const std::vector<TimerEntry>& due);
    void drop_finished_buckets(int64_t now_ms);
    void persist();
    std::optional<int64_t> next_wake(int64_t now_ms) const;
    void publish_stats();

    store::MessageStore& store_;
    std::filesystem::path config_dir_;
    TimerLog log_;
    std::optional<TimingWheel> wheel_;
    service::ServiceRunner runner_;
    std::shared_ptr<Signal> signal_;
    std::atomic<bool> started_{false};
    std::atomic<bool> stopping_{false};
    std::atomic<bool> delivering_{false};

    // On the service's strand, except what stats() reads under the mutex.
    int64_t loaded_until_ = INT64_MIN;   // buckets before this are in the wheel
    std::map<int64_t, size_t> pending_;  // loaded bucket → timers not yet delivered
    std::set<int64_t> far_;              // buckets on disk not loaded yet
    std::vector<TimerEntry> retry_;      // puts that failed, tried again kRetryFailedPut later
    int64_t retry_at_ = 0;
    int64_t enqueue_offset_ = 0;
    int64_t last_followed_gc_ = 0;
    int64_t persisted_offset_ = -1;
    uint64_t delivered_ = 0;
    mutable std::mutex mutex_;
    Stats stats_;  // under mutex_
};

}  // namespace rmq::broker::timer
