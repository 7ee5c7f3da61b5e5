#pragma once
// The far term of the timer store, on disk: every timer, appended to the file of the 30-second
// bucket its due time falls in, and every delivered timer, appended to that bucket's done file.
// A bucket is read into the timing wheel when its time comes within reach, and deleted once all
// of it has been delivered, so memory holds only the near term however many timers wait.
//
// Files, under <storePathRootDir>/timerlog/ (docs/timers.md):
//   <bucket start ms, 20 digits>       24-byte records, big-endian: deliver ms (8), commit-log
//                                      offset (8) and size (4) of the timer's record in
//                                      rmq_sys_wheel_timer, magic 0x544D5231 "TMR1" (4)
//   <bucket start ms, 20 digits>.done  8-byte commit-log offsets of the delivered timers
// Timers are buffered and written by flush(); a done mark is written at once, so that a crash
// right after a delivery does not deliver it again. A torn last record (a crash mid-write) is
// ignored; a timer written twice (replayed after a crash) is read once.
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "store/store_error.hpp"
#include "timer/timer_wheel.hpp"

namespace rmq::broker::timer {

class TimerLog {
  public:
    static constexpr int64_t kBucketMs = 30'000;

    explicit TimerLog(std::filesystem::path dir) : dir_(std::move(dir)) {}
    ~TimerLog();
    TimerLog(const TimerLog&) = delete;
    TimerLog& operator=(const TimerLog&) = delete;

    static int64_t bucket_of(int64_t deliver_ms);
    store::Result<void> open();
    void append(const TimerEntry& entry);
    /// Writes what append() buffered.
    store::Result<void> flush();
    /// Records a delivery in the bucket's done file, written before this returns.
    store::Result<void> mark_delivered(int64_t bucket, int64_t commit_log_offset);

    /// The buckets on disk, earliest first.
    std::vector<int64_t> buckets() const;
    /// A bucket's timers not yet delivered, each once, in the order they were written.
    store::Result<std::vector<TimerEntry>> load(int64_t bucket) const;
    /// Deletes a bucket and its done file.
    store::Result<void> remove(int64_t bucket);

  private:
    std::filesystem::path file_of(int64_t bucket) const;
    std::filesystem::path done_file_of(int64_t bucket) const;

    std::filesystem::path dir_;
    std::map<int64_t, std::string> pending_;    // bucket → records to append
    std::map<int64_t, std::FILE*> done_files_;  // open for appending, until the bucket goes
};

}  // namespace rmq::broker::timer
