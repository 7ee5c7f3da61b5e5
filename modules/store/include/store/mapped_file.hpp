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

/// How a new file gets its disk blocks. Writes go through the mapping, and a store into an
/// unallocated page of a full disk kills the process with SIGBUS; so blocks are always reserved
/// before bytes are written there, either all at creation (the commit log: one big sequential
/// file) or in chunks just ahead of the writer (consume queues: thousands of mostly empty files
/// that RocketMQ keeps sparse).
enum class Allocation : uint8_t { whole_file, on_demand };

class MappedFile {
  public:
    /// Maps `path` read-write. With `create`, a missing file is created with `size` bytes
    /// (zero-filled); an existing file must have exactly `size` bytes.
    static Result<std::shared_ptr<MappedFile>> open(const std::filesystem::path& path, size_t size,
                                                    bool create,
                                                    Allocation allocation = Allocation::whole_file);
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

    /// Reserves disk blocks for [0, end) so writes there cannot fault (no-op for whole_file).
    Result<void> ensure_allocated(size_t end);

    /// Deletes the file. The mapping stays valid until the last owner lets go, so a reader
    /// holding a view while clean-up runs never touches unmapped memory.
    Result<void> destroy();
    bool destroyed() const { return destroyed_.load(std::memory_order_acquire); }

    std::filesystem::file_time_type last_modified() const;

  private:
    MappedFile(std::filesystem::path path, int fd, char* base, size_t size, int64_t from_offset,
               Allocation allocation);

    std::filesystem::path path_;
    int fd_ = -1;
    char* base_ = nullptr;
    size_t size_ = 0;
    int64_t from_offset_ = 0;
    std::atomic<size_t> wrote_{0};
    std::atomic<size_t> flushed_{0};
    Allocation allocation_;
    size_t allocated_ = 0;  // on_demand: blocks reserved below this (writer thread only)
    std::atomic<bool> destroyed_{false};
};

}  // namespace rmq::store
