#pragma once
// One consume queue (spec/store-format.md §3): consumequeue/<topic>/<queueId>/, 20-byte units
// pointing into the commit log, written by the dispatcher, read by pulls and queries.
//
// Threading: put(), recover(), truncate_dirty() and destroy() run on one thread at a time (the
// dispatcher, or start-up); reads run on any thread and see units once they are published.
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>

#include "store/mapped_file_queue.hpp"

namespace rmq::store {

inline constexpr int64_t kCqUnitSize = 20;

struct CqUnit {
    int64_t commit_log_offset = 0;
    int32_t size = 0;
    int64_t tags_code = 0;

    /// Holes written before a queue's first real unit: offset 0, size Integer.MAX_VALUE.
    bool is_hole() const { return size == INT32_MAX && commit_log_offset == 0; }
};

/// Consecutive units of one file, starting at queue offset `first_index`. The file stays mapped
/// while this lives.
class CqUnits {
  public:
    CqUnits() = default;
    CqUnits(std::shared_ptr<MappedFile> file, std::span<const char> bytes, int64_t first_index)
        : file_(std::move(file)), bytes_(bytes), first_index_(first_index) {}

    size_t count() const { return bytes_.size() / kCqUnitSize; }
    bool empty() const { return count() == 0; }
    int64_t first_index() const { return first_index_; }
    CqUnit operator[](size_t i) const;

  private:
    std::shared_ptr<MappedFile> file_;
    std::span<const char> bytes_;
    int64_t first_index_ = 0;
};

class ConsumeQueue {
  public:
    ConsumeQueue(std::string topic, int32_t queue_id, std::filesystem::path dir, int64_t file_size);

    const std::string& topic() const { return topic_; }
    int32_t queue_id() const { return queue_id_; }
    const std::filesystem::path& dir() const { return files_.dir(); }

    /// Maps the queue's files (every file taken as full until recover()).
    Result<void> load();
    /// Finds the end of the valid units (from the third-last file on) and drops what follows.
    Result<void> recover();

    /// Appends the unit for queue offset `cq_offset` (dispatcher). Units already covered (the
    /// commit-log range ends at or before max_physic_offset()) are ignored, so replays are
    /// idempotent; a queue starting past 0 gets holes before its first unit.
    Result<void> put(const CqUnit& unit, int64_t cq_offset);

    /// First and next-to-write queue offsets.
    int64_t min_offset() const {
        return min_logic_offset_.load(std::memory_order_acquire) / kCqUnitSize;
    }
    int64_t max_offset() const { return files_.max_offset() / kCqUnitSize; }
    /// Commit-log end (offset + size) of the last unit written.
    int64_t max_physic_offset() const { return max_physic_offset_.load(std::memory_order_acquire); }

    std::optional<CqUnit> unit_at(int64_t index) const;
    /// Units from `index` to the end of its file (or of the written part), at most `max_units`.
    CqUnits read_from(int64_t index, size_t max_units = SIZE_MAX) const;

    /// RocketMQ's getOffsetInQueueByTime: binary search on the store time of the records, which
    /// `store_time_of(commit_log_offset, size)` reads from the commit log (negative = unreadable).
    int64_t offset_by_time(int64_t timestamp, int64_t commit_log_min_offset,
                           const std::function<int64_t(int64_t, int32_t)>& store_time_of) const;

    /// Drops every unit pointing at or beyond `commit_log_end` (a commit log cut back by recovery).
    Result<void> truncate_dirty(int64_t commit_log_end);
    /// Moves the min offset to the first unit whose record is still in the commit log.
    void correct_min_offset(int64_t commit_log_min_offset);
    /// Deletes leading files whose last unit is below the commit log's min offset.
    size_t delete_expired(int64_t commit_log_min_offset);

    Result<int64_t> flush(size_t least_pages) { return files_.flush(least_pages); }
    Result<void> destroy();
    size_t file_count() const { return files_.file_count(); }
    MappedFileQueue& files() { return files_; }

  private:
    Result<void> fill_holes(MappedFile& file, int64_t until_logic_offset);

    std::string topic_;
    int32_t queue_id_;
    MappedFileQueue files_;
    std::atomic<int64_t> min_logic_offset_{0};
    std::atomic<int64_t> max_physic_offset_{-1};
};

}  // namespace rmq::store
