#pragma once
// The commit log (spec/store-format.md §4): every message record back to back in 1 GiB (by
// default) mapped files, a blank marker where a record does not fit, never a record across files.
//
// Threading: append() runs on the store's single append thread; flush() on the flush thread;
// reads on any thread. Offsets are published with release/acquire atomics.
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "config/store_config.hpp"
#include "message/record.hpp"
#include "store/mapped_file_queue.hpp"
#include "store/put_result.hpp"

namespace rmq::store {

/// Records encoded ahead of the append (on the producer's thread) with everything but the queue
/// offset, physical offset and store timestamp, which the append fills in.
struct EncodedPut {
    std::string bytes;                    // one record, or a batch's records back to back
    std::vector<uint32_t> record_starts;  // where each record begins in `bytes`
    std::string queue_key;                // "topic-queueId"
    int32_t tran_type = 0;                // prepared/rollback records take no queue offset
    size_t store_timestamp_pos = 0;       // STORETIMESTAMP position inside each record
    message::HostAddress store_host;
};

/// Bytes of the commit log kept mapped while the holder lives.
struct SelectedBytes {
    std::shared_ptr<MappedFile> file;
    std::span<const char> bytes;
    int64_t start_offset = 0;

    explicit operator bool() const { return !bytes.empty(); }
};

class CommitLog {
  public:
    explicit CommitLog(const StoreConfig& config);

    /// Maps the existing files (each taken as full until recovery).
    Result<void> load();

    /// Ends the log at `end` (recovery): later files are deleted, the last one cut logically.
    Result<void> set_end(int64_t end);

    /// Appends on the append thread. Fills `result` (status, offsets, msg ids).
    void append(EncodedPut& put, int64_t store_timestamp, PutMessageResult& result);

    /// A slave's append of its master's bytes (records and blank markers, as they are), which
    /// must start at this log's end; an empty log starts at `offset`, a file boundary. The
    /// master never sends bytes across a file boundary, so neither may they cross one here: the
    /// slave's files then stay byte-identical to the master's. Append thread only.
    Result<void> append_replicated(int64_t offset, std::span<const char> bytes);

    /// The next queue offset per "topic-queueId" (append thread only, or before start).
    std::unordered_map<std::string, int64_t>& queue_offsets() { return queue_offsets_; }

    /// Flushes written data; with least_pages > 0 only when that many pages are dirty.
    Result<int64_t> flush(size_t least_pages);

    int64_t min_offset() const;
    int64_t max_offset() const { return max_offset_.load(std::memory_order_acquire); }
    int64_t flushed_offset() const { return flushed_offset_.load(std::memory_order_acquire); }
    /// Store time of the last record whose bytes are durable (checkpoint physicMsgTimestamp).
    int64_t flushed_store_timestamp() const {
        return flushed_timestamp_.load(std::memory_order_acquire);
    }

    /// `size` bytes at `offset`, if they lie within one file and below the written end.
    SelectedBytes read(int64_t offset, int32_t size) const;
    /// Everything readable from `offset` to the end of its file (or of the written part).
    SelectedBytes read_from(int64_t offset) const;
    /// STORETIMESTAMP of the record at `offset`, -1 if unreadable.
    int64_t store_timestamp_at(int64_t offset, int32_t size) const;
    /// Offset where the file after the one holding `offset` starts.
    int64_t roll_next_file(int64_t offset) const;

    MappedFileQueue& files() { return files_; }
    const MappedFileQueue& files() const { return files_; }
    int64_t file_size() const { return static_cast<int64_t>(files_.file_size()); }

  private:
    MappedFileQueue files_;
    int32_t max_message_size_;
    std::unordered_map<std::string, int64_t> queue_offsets_;
    std::atomic<int64_t> max_offset_{0};
    std::atomic<int64_t> flushed_offset_{0};
    std::atomic<int64_t> flushed_timestamp_{0};
    std::atomic<int64_t> last_append_timestamp_{0};
};

}  // namespace rmq::store
