#pragma once
// The index directory (spec/store-format.md §5, §8 step 2, §11): a list of index files ordered
// by creation, the builder fed by the dispatcher, the query behind QUERY_MESSAGE and
// VIEW_MESSAGE_BY_ID-by-key, and the clean-up.
//
// Threading: one dispatcher thread calls build_index(); query() runs on any thread; flush() on
// the flush thread; delete_expired() on the clean-up thread. The file list is guarded by a
// shared mutex. load() and destroy() must not overlap any other call.
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

#include "config/store_config.hpp"
#include "store/dispatch_request.hpp"
#include "store/index_file.hpp"
#include "store/store_error.hpp"

namespace rmq::store {

/// RocketMQ's QueryOffsetResult.
struct QueryOffsetResult {
    std::vector<int64_t> phy_offsets;         // newest file first, newest entry first within a file
    int64_t index_last_update_timestamp = 0;  // the newest file's endTimestamp
    int64_t index_last_update_phy_offset = 0;  // the newest file's endPhyOffset
};

/// One file's header, for tools and logs.
struct IndexFileInfo {
    std::string name;
    IndexHeader header;
    bool full = false;
};

class IndexService {
  public:
    IndexService(std::filesystem::path dir, const StoreConfig& config);
    ~IndexService();
    IndexService(const IndexService&) = delete;
    IndexService& operator=(const IndexService&) = delete;

    /// Maps every index file in name order (the directory is created if missing). After an
    /// unclean exit, files whose endTimestamp is newer than the checkpoint's indexMsgTimestamp
    /// are deleted (an equal one is kept): their keys are indexed again by the re-dispatch.
    /// A file of the wrong size is an error naming it; names that are not 17 digits are skipped.
    Result<void> load(bool last_exit_ok, int64_t checkpoint_index_timestamp);

    /// Indexes `topic#UNIQ_KEY` and `topic#key` for every key of KEYS. Skips rollback records and
    /// records below the newest file's endPhyOffset (already indexed before a restart). Never
    /// fails: when no file can be created the message is logged and left out, and the next call
    /// tries again.
    void build_index(const DispatchRequest& request);

    /// Offsets of messages whose `topic#key` hash matches, stored within [begin, end] (ms),
    /// at most min(max_num, maxMsgsNumBatch).
    QueryOffsetResult query(std::string_view topic, std::string_view key, int32_t max_num,
                            int64_t begin, int64_t end) const;

    /// Makes the files durable and returns the checkpoint's indexMsgTimestamp: the endTimestamp
    /// of the newest file that will never be written again (full, or followed by another), now
    /// that it is flushed; 0 while there is none. The open file is flushed too but not counted:
    /// after a crash it may hold pages newer than any value captured here, and only files whose
    /// contents are final may survive the abnormal-exit check in load() (RocketMQ likewise
    /// records only full files).
    Result<int64_t> flush();

    /// Deletes leading files whose endPhyOffset is below the commit log's min offset; never the
    /// newest file.
    void delete_expired(int64_t commit_log_min_offset);

    /// Deletes every file.
    void destroy();

    size_t file_count() const;
    std::vector<IndexFileInfo> files_info() const;
    /// True while the latest attempt to create an index file failed (RocketMQ then marks the
    /// store unwritable; the store decides what to do with this).
    bool has_creation_error() const { return creation_error_.load(std::memory_order_relaxed); }

  private:
    /// The file to write to: the newest one, or a new one when there is none or it is full.
    /// Null (logged) when a file cannot be created.
    IndexFile* writable_file();
    /// put_key that rolls over to a new file when the current one is full.
    IndexFile* put_key(IndexFile* file, const DispatchRequest& request, std::string_view key);
    /// Flushes, oldest first, the final files (full, or followed by another) not flushed since
    /// they became final, and returns the newest such file's endTimestamp (0 while none).
    Result<int64_t> flush_final_files();

    std::filesystem::path dir_;
    int32_t hash_slot_num_;
    int32_t index_num_;
    int32_t max_msgs_num_batch_;
    bool message_index_enable_;

    mutable std::shared_mutex mutex_;
    std::vector<std::unique_ptr<IndexFile>> files_;  // guarded by mutex_
    std::mutex flush_mutex_;                         // taken before mutex_ when both are needed
    size_t final_flushed_count_ = 0;  // guarded by flush_mutex_: leading files flushed as final
    int64_t durable_timestamp_ = 0;   // guarded by flush_mutex_
    std::atomic<bool> creation_error_{false};
    std::string key_buffer_;  // dispatcher thread only
};

}  // namespace rmq::store
