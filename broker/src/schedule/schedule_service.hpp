#pragma once
// Delivery of delayed messages (ScheduleMessageService, spec/behaviours.md §2.9): the store parks a
// message with DELAY=n in SCHEDULE_TOPIC_XXXX queue n-1 with its deliver time as tags code; this
// service moves each due message to its REAL_TOPIC/REAL_QID, level by level, in queue order, and
// keeps how far each level got in delayOffset.json (every flushDelayOffsetInterval and at
// shutdown). Masters only: the broker does not start it on a slave.
//
// Threading: one coroutine per level plus the persister, services of a service::ServiceRunner on
// the broker's service pool; a level's puts are awaited (the store completes them on its append
// thread), so a slow put never holds a thread. offsets() may be called from any thread.
#include <atomic>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

#include "service/service_runner.hpp"
#include "store/delay_levels.hpp"
#include "store/message_store.hpp"
#include "store/metadata/delay_offset_table.hpp"

namespace rmq::broker {

class ScheduleService {
  public:
    /// The service's coroutines run on `pool` (the broker's service pool).
    ScheduleService(boost::asio::any_io_executor pool, store::MessageStore& store,
                    store::DelayLevels levels, std::filesystem::path config_dir,
                    std::chrono::milliseconds persist_period);
    ~ScheduleService();
    ScheduleService(const ScheduleService&) = delete;
    ScheduleService& operator=(const ScheduleService&) = delete;

    /// delayOffset.json (absent: every level from 0), each offset clamped into its queue's range.
    store::Result<void> load();
    /// Every level's first run is 1 s after this, as in Java.
    void start();
    /// Stops the levels (a put under way finishes first) and writes delayOffset.json. Idempotent.
    void shutdown();
    /// Started and not shut down: a master's (a slave's waits for a promotion).
    bool running() const { return started_ && !stopping_; }

    /// Delay level → next SCHEDULE_TOPIC_XXXX queue offset to deliver, for the levels that moved
    /// or were loaded (GET_BROKER_RUNTIME_INFO's scheduleMessageOffset_<level>).
    std::map<int32_t, int64_t> offsets() const;
    store::Result<void> persist();

  private:
    boost::asio::awaitable<void> run_level(int32_t level);
    boost::asio::awaitable<void> run_persister();
    /// One run of a level from `offset`: delivers what is due, stops at the first entry that is
    /// not (or whose put failed); returns where the next run starts.
    boost::asio::awaitable<int64_t> deliver_due(int32_t level, int64_t offset);
    int64_t offset_of(int32_t level) const;
    void set_offset(int32_t level, int64_t offset);

    store::MessageStore& store_;
    store::DelayLevels levels_;
    std::filesystem::path config_dir_;
    std::chrono::milliseconds persist_period_;
    service::ServiceRunner runner_;
    std::atomic<bool> started_{false};
    std::atomic<bool> stopping_{false};
    mutable std::mutex mutex_;
    store::DelayOffsetTable table_;
    bool dirty_ = false;
};

}  // namespace rmq::broker
