#pragma once
// One memory-mapped segment of a commit log or consume queue (spec/store-format.md §2): a file
// of fixed size named by the global offset of its first byte (20-digit zero-padded decimal).
//
// Threading: one writer (the append stage) moves the wrote position; readers on any thread read
// bytes below readable_position(), which is published with release/acquire ordering.
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "store/store_error.hpp"

namespace rmq::store {

/// UtilAll.offset2FileName: 20 digits, zero padded.
std::string offset_to_file_name(int64_t offset);
/// The offset a file name stands for, if it is exactly 20 decimal digits.
std::optional<int64_t> file_name_to_offset(std::string_view name);

inline constexpr size_t kOsPageSize = 4096;

class MappedFile {
  public:
    /// Maps `path` read-write. With `create`, a missing file is created full-size (sparse,
    /// zero-filled); an existing file must have exactly `size` bytes.
    static Result<std::unique_ptr<MappedFile>> open(const std::filesystem::path& path, size_t size,
                                                    bool create);
    ~MappedFile();
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;

    const std::filesystem::path& path() const { return path_; }
    int64_t file_from_offset() const { return from_offset_; }
    size_t size() const { return size_; }
    char* data() { return base_; }
    const char* data() const { return base_; }

    size_t wrote_position() const { return wrote_.load(std::memory_order_acquire); }
    /// Publishes bytes written below `pos` to readers.
    void set_wrote_position(size_t pos) { wrote_.store(pos, std::memory_order_release); }
    size_t flushed_position() const { return flushed_.load(std::memory_order_acquire); }
    void set_flushed_position(size_t pos) { flushed_.store(pos, std::memory_order_release); }
    bool is_full() const { return wrote_position() == size_; }
    size_t free_space() const { return size_ - wrote_position(); }

    /// Bytes [pos, wrote) as a view into the mapping; empty when pos is beyond the written part.
    std::span<const char> readable_from(size_t pos) const;

    /// Makes [flushed, wrote) durable (msync) if at least `least_pages` dirty pages accumulated
    /// (0 = always); returns the new flushed position.
    Result<size_t> flush(size_t least_pages = 0);

    /// Unmaps and deletes the file.
    Result<void> destroy();

    std::filesystem::file_time_type last_modified() const;

  private:
    MappedFile(std::filesystem::path path, int fd, char* base, size_t size, int64_t from_offset);

    std::filesystem::path path_;
    int fd_ = -1;
    char* base_ = nullptr;
    size_t size_ = 0;
    int64_t from_offset_ = 0;
    std::atomic<size_t> wrote_{0};
    std::atomic<size_t> flushed_{0};
};

}  // namespace rmq::store
