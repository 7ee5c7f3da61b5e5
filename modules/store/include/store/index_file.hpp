#pragma once
// One index file (spec/store-format.md §5): a 40-byte header, a hash-slot table and an array of
// 20-byte entries chained per slot, all big-endian, named by its creation time. It maps
// "topic#key" to commit-log offsets; lookups match hashes only, callers compare the real keys.
//
// Threading: one writer (the index dispatcher) calls put_key(); queries run on any thread. Each
// put takes the file's lock exclusively, each query and header read shares it.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

#include "store/store_error.hpp"

namespace rmq::store {

inline constexpr int64_t kIndexHeaderSize = 40;
inline constexpr int64_t kIndexSlotSize = 4;
inline constexpr int64_t kIndexEntrySize = 20;

/// UtilAll.timeMillisToHumanString: yyyyMMddHHmmssSSS in local time (17 digits for years
/// 1000-9999).
std::string index_file_name(int64_t epoch_ms);
/// True for a 17-digit name, the only names this store creates.
bool is_index_file_name(std::string_view name);
/// 40 + slots × 4 + entries × 20.
int64_t index_file_size(int32_t hash_slot_num, int32_t index_num);
/// |String.hashCode(key)|, with Integer.MIN_VALUE (whose abs is negative in Java) taken as 0.
int32_t index_key_hash(std::string_view key);

/// The header as RocketMQ keeps it in memory (index_count starts at 1: entry 0 is never used).
struct IndexHeader {
    int64_t begin_timestamp = 0;
    int64_t end_timestamp = 0;
    int64_t begin_phy_offset = 0;
    int64_t end_phy_offset = 0;
    int32_t hash_slot_count = 0;
    int32_t index_count = 1;
};

class IndexFile {
  public:
    /// Creates `path` (which must not exist) full-size with its blocks reserved, so a full disk
    /// fails here rather than as SIGBUS on a later write. A follow-on file starts with begin and
    /// end set to the previous file's end values (each only when > 0, as RocketMQ does).
    static Result<std::unique_ptr<IndexFile>> create(const std::filesystem::path& path,
                                                     int32_t hash_slot_num, int32_t index_num,
                                                     int64_t prev_end_phy_offset,
                                                     int64_t prev_end_timestamp);
    /// Creates a file in `dir` named index_file_name(now_ms), or the first later millisecond
    /// whose name is free (two files created within one millisecond).
    static Result<std::unique_ptr<IndexFile>> create_in(const std::filesystem::path& dir,
                                                        int64_t now_ms, int32_t hash_slot_num,
                                                        int32_t index_num,
                                                        int64_t prev_end_phy_offset,
                                                        int64_t prev_end_timestamp);
    /// Maps an existing file; its size must match the geometry (bad_file_size otherwise).
    static Result<std::unique_ptr<IndexFile>> open(const std::filesystem::path& path,
                                                   int32_t hash_slot_num, int32_t index_num);
    ~IndexFile();
    IndexFile(const IndexFile&) = delete;
    IndexFile& operator=(const IndexFile&) = delete;

    /// Adds one entry; false when the file is full (a file holds index_num − 1 entries).
    bool put_key(std::string_view key, int64_t phy_offset, int64_t store_timestamp);

    /// Appends to `out`, newest first, the offsets of entries whose hash equals key's and whose
    /// store time (to the second) lies in [begin, end], until out holds `max_num` offsets.
    void select_phy_offsets(std::vector<int64_t>& out, std::string_view key, size_t max_num,
                            int64_t begin, int64_t end) const;

    /// Whether [begin, end] overlaps the file's [beginTimestamp, endTimestamp].
    bool is_time_matched(int64_t begin, int64_t end) const;

    IndexHeader header() const;
    int64_t begin_timestamp() const { return header().begin_timestamp; }
    int64_t end_timestamp() const { return header().end_timestamp; }
    int64_t begin_phy_offset() const { return header().begin_phy_offset; }
    int64_t end_phy_offset() const { return header().end_phy_offset; }
    int32_t hash_slot_count() const { return header().hash_slot_count; }
    int32_t index_count() const { return header().index_count; }
    bool is_full() const;

    int32_t hash_slot_num() const { return hash_slot_num_; }
    int32_t index_num() const { return index_num_; }
    const std::filesystem::path& path() const { return path_; }
    std::string file_name() const { return path_.filename().string(); }

    /// Writes the whole header (as RocketMQ's flush does: an untouched file gets indexCount 1)
    /// and makes the mapping durable (msync).
    Result<void> flush();
    /// Unmaps and deletes the file; nothing else may be called afterwards.
    Result<void> destroy();

  private:
    IndexFile(std::filesystem::path path, int fd, char* base, int32_t hash_slot_num,
              int32_t index_num);
    static Result<std::unique_ptr<IndexFile>> map(std::filesystem::path path, int fd,
                                                  int32_t hash_slot_num, int32_t index_num);

    char* slot_at(int32_t slot) const;
    char* entry_at(int32_t number) const;
    void write_header_field(int64_t pos, int64_t value);
    void write_header_field(int64_t pos, int32_t value);
    void write_whole_header();

    std::filesystem::path path_;
    int fd_ = -1;
    char* base_ = nullptr;
    int64_t size_ = 0;
    int32_t hash_slot_num_ = 0;
    int32_t index_num_ = 0;
    mutable std::shared_mutex mutex_;
    IndexHeader header_;  // guarded by mutex_; mirrored into the mapping as fields change
};

}  // namespace rmq::store
