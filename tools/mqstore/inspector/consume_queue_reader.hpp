#pragma once
// Read-only view of one consume queue (spec/store-format.md §3): 20-byte units by queue offset.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "inspector/read_only_file.hpp"
#include "inspector/store_layout.hpp"
#include "store/consume_queue.hpp"

namespace rmq::mqstore {

using store::CqUnit;
using store::kCqUnitSize;

/// The 20-byte unit at `p` (big-endian offset, size, tags code).
CqUnit decode_cq_unit(const char* p);

/// RocketMQ's test for a unit in use (ConsumeQueue.recover); holes pass it too.
inline bool is_unit_in_use(const CqUnit& unit) {
    return unit.commit_log_offset >= 0 && unit.size > 0;
}

class ConsumeQueueReader {
  public:
    /// Maps the queue's files; `file_size` is the configured (inferred) size, a multiple of 20.
    static Result<ConsumeQueueReader> open(const QueueDirectory& dir, int64_t file_size);

    const std::string& topic() const { return topic_; }
    int32_t queue_id() const { return queue_id_; }
    int64_t file_size() const { return file_size_; }
    size_t file_count() const { return files_.size(); }
    /// Global byte offset of file `i`'s first unit.
    int64_t file_from(size_t i) const { return froms_[i]; }
    const ReadOnlyFile& file(size_t i) const { return files_[i]; }

    /// Queue offset of the first unit of the first file.
    int64_t first_index() const { return froms_.empty() ? 0 : froms_.front() / kCqUnitSize; }
    /// The unit at queue offset `index` as stored (also past the end, while a file holds it).
    std::optional<CqUnit> unit_at(int64_t index) const;

    /// Max offset as recovery finds it: from the third-last file, units in use until the first
    /// unit that is not (or the end of the bytes); the queue offset after the last one in use.
    int64_t max_offset() const;
    /// First real (non-hole) unit before max_offset() whose record is still in the commit log
    /// (offset ≥ commit_log_min); max_offset() if there is none.
    int64_t min_offset(int64_t commit_log_min) const;
    /// End (offset + size) in the commit log of the last unit before max_offset(); -1 if none.
    int64_t max_physic_offset() const;

  private:
    std::string topic_;
    int32_t queue_id_ = 0;
    int64_t file_size_ = 0;
    std::vector<int64_t> froms_;
    std::vector<ReadOnlyFile> files_;
};

}  // namespace rmq::mqstore
