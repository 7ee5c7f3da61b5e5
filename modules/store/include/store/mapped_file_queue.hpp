#pragma once
// A directory of equally sized mapped files forming one logical byte log (spec/store-format.md
// §2): the commit log, or one consume queue.
//
// Threading: the append stage adds and truncates files; readers on other threads look files up.
// The file list is guarded by a shared mutex; a MappedFile* stays valid until truncate_to() or
// delete removes that file (callers that race deletion must hold the data they need elsewhere —
// the store's clean-up keeps files readers may still use, as RocketMQ does).
#include <cstdint>
#include <filesystem>
#include <memory>
#include <shared_mutex>
#include <vector>

#include "store/mapped_file.hpp"

namespace rmq::store {

class MappedFileQueue {
  public:
    MappedFileQueue(std::filesystem::path dir, size_t file_size);

    /// Maps every file of the directory (created if missing). Names must be 20-digit offsets,
    /// sizes exactly file_size(), offsets contiguous; otherwise an error names the file. Every
    /// loaded file is taken as full until recovery sets the real end with truncate_to().
    Result<void> load();

    const std::filesystem::path& dir() const { return dir_; }
    size_t file_size() const { return file_size_; }
    bool empty() const;
    size_t file_count() const;
    std::vector<MappedFile*> files() const;
    MappedFile* first_file() const;
    MappedFile* last_file() const;

    /// The file to append to: the last one, or a new one when there is none (starting at
    /// `start_offset`, rounded down to a file boundary) or the last is full.
    Result<MappedFile*> last_file_for_write(int64_t start_offset = 0);

    /// The file holding global `offset`, or null.
    MappedFile* find_by_offset(int64_t offset) const;

    /// First offset still present (-1 when empty) and the end of written data (0 when empty).
    int64_t min_offset() const;
    int64_t max_offset() const;

    /// Sets the end of the data to `offset`: later files are deleted, the file holding it gets
    /// its wrote/flushed positions there (recovery, and dropping a torn tail).
    Result<void> truncate_to(int64_t offset);

  private:
    std::filesystem::path dir_;
    size_t file_size_;
    mutable std::shared_mutex mutex_;
    std::vector<std::unique_ptr<MappedFile>> files_;
};

}  // namespace rmq::store
