#pragma once
// The store's periodic work on one thread: consume-queue flushes and the checkpoint
// (spec/store-format.md §10.4), the SYNC_FLUSH timeout watcher (§10.2), disk-space checks and
// clean-up of expired files (§11).
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>

namespace rmq::store {

class MessageStore;

class HousekeepingService {
  public:
    explicit HousekeepingService(MessageStore& store);
    ~HousekeepingService();
    void start();
    void stop();

    /// One clean-up round (also called by MessageStore::clean_now).
    void clean(bool manual);
    /// Updates the disk-full flag from the partition usage; returns whether deleting is due.
    bool check_disk_space(bool& clean_immediately);
    /// Flushes consume queues (and, when `thorough`, writes the checkpoint).
    void flush_consume_queues(bool thorough);

  private:
    void run();
    bool is_delete_hour() const;
    void delete_expired_commit_log(bool clean_at_once);
    void trim_queues_and_index();

    MessageStore& store_;
    std::mutex mutex_;
    std::condition_variable cv_;
    std::mutex clean_mutex_;  // clean() runs on this thread and on request from others
    bool stopping_ = false;
    int manual_rounds_ = 0;
    int64_t last_trimmed_min_ = -1;
    std::thread thread_;
};

}  // namespace rmq::store
