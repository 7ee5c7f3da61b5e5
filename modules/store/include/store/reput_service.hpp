#pragma once
// The dispatcher (spec/store-format.md §9): follows the commit log and, for every record, writes
// its consume-queue unit and hands it to the other dispatchers (index, arrival listeners). With
// SYNC_FLUSH it follows only the durable part, so no consumer can see a message a crash could
// take back.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "store/checkpoint.hpp"
#include "store/commit_log.hpp"
#include "store/consume_queue_table.hpp"
#include "store/delay_levels.hpp"
#include "store/dispatch_request.hpp"

namespace rmq::store {

using Dispatcher = std::function<void(const DispatchRequest&)>;

class ReputService {
  public:
    ReputService(CommitLog& log, ConsumeQueueTable& queues, StoreCheckpoint& checkpoint,
                 DelayLevels delay_levels, bool follow_flushed);
    ~ReputService();

    /// Runs after the consume-queue unit is written (index builder, then arrival listeners).
    /// Register before start().
    void add_dispatcher(Dispatcher dispatcher) { dispatchers_.push_back(std::move(dispatcher)); }

    void set_reput_from(int64_t offset) { reput_from_.store(offset, std::memory_order_release); }
    int64_t reput_from() const { return reput_from_.load(std::memory_order_acquire); }
    /// Bytes written but not dispatched yet.
    int64_t behind_bytes() const;

    /// Dispatches up to the current end on the calling thread (start-up).
    void dispatch_available();
    void start();
    void stop();
    /// New data may be there (called by the write path).
    void wake();
    /// Waits until everything written so far is dispatched; false after `limit`.
    bool wait_caught_up(std::chrono::milliseconds limit);

  private:
    void run();
    void notify_passed();
    int64_t limit() const;
    /// Builds the request from a record view (tags code, keys, ...).
    DispatchRequest make_request(const message::RecordView& record) const;
    void dispatch(const DispatchRequest& request);

    CommitLog& log_;
    ConsumeQueueTable& queues_;
    StoreCheckpoint& checkpoint_;
    DelayLevels delay_levels_;
    bool follow_flushed_;
    std::vector<Dispatcher> dispatchers_;
    std::atomic<int64_t> reput_from_{0};
    std::mutex mutex_;
    std::condition_variable cv_;
    std::condition_variable passed_;  // after a pass of the dispatcher thread, if waited for
    std::atomic<int> waiters_{0};
    bool woken_ = false;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace rmq::store
