#pragma once
// A directory of equally sized mapped files forming one logical byte log (spec/store-format.md
// §2): the commit log, or one consume queue.
//
// Threading: one writer adds and truncates files; readers on other threads look files up. The
// file list is guarded by a shared mutex; files are shared so that a reader keeps a file's mapping
// alive (and its views valid) while clean-up deletes it.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <vector>

#include "store/mapped_file.hpp"

namespace rmq::store {

class MappedFileQueue {
  public:
    MappedFileQueue(std::filesystem::path dir, size_t file_size,
                    Allocation allocation = Allocation::whole_file);

    /// Maps every file of the directory (created if missing). Names must be 20-digit offsets,
    /// sizes exactly file_size(), offsets contiguous; otherwise an error names the file. Every
    /// loaded file is taken as full until recovery sets the real end with truncate_to().
    Result<void> load();

    const std::filesystem::path& dir() const { return dir_; }
    size_t file_size() const { return file_size_; }
    bool empty() const;
    size_t file_count() const;
    std::vector<std::shared_ptr<MappedFile>> files() const;
    std::shared_ptr<MappedFile> first_file() const;
    std::shared_ptr<MappedFile> last_file() const;

    /// The file to append to: the last one, or a new one when there is none (starting at
    /// `start_offset`, rounded down to a file boundary) or the last is full.
    Result<MappedFile*> last_file_for_write(int64_t start_offset = 0);

    /// The file holding global `offset`, or null.
    std::shared_ptr<MappedFile> find_by_offset(int64_t offset) const;

    /// First offset still present (-1 when empty) and the end of written data (0 when empty).
    int64_t min_offset() const;
    int64_t max_offset() const;

    /// Sets the end of the data to `offset`: later files are deleted, the file holding it gets
    /// its wrote/flushed positions there (recovery, and dropping a torn tail).
    Result<void> truncate_to(int64_t offset);

    /// Makes written data durable, file by file from the oldest dirty one; with `least_pages` > 0
    /// only when that many dirty pages accumulated in it. Returns the global flushed offset.
    Result<int64_t> flush(size_t least_pages = 0);
    /// Global offset below which everything is durable.
    int64_t flushed_offset() const;

    /// Deletes the newest file.
    Result<void> delete_last_file();
    /// Deletes every file (a consume queue whose commit log is gone).
    Result<void> destroy_all();

    /// Deletes leading files while `expired(file)` holds, never the last file, at most
    /// `max_files`; returns how many went.
    template <class Pred>
    size_t delete_leading_files(Pred&& expired, size_t max_files = SIZE_MAX);

  private:
    std::filesystem::path dir_;
    size_t file_size_;
    Allocation allocation_;
    mutable std::shared_mutex mutex_;
    std::vector<std::shared_ptr<MappedFile>> files_;
};

template <class Pred>
size_t MappedFileQueue::delete_leading_files(Pred&& expired, size_t max_files) {
    size_t deleted = 0;
    while (deleted < max_files) {
        std::shared_ptr<MappedFile> front;
        {
            std::shared_lock lock(mutex_);
            if (files_.size() <= 1) break;
            front = files_.front();
        }
        if (!expired(*front)) break;
        if (!front->destroy()) break;
        std::unique_lock lock(mutex_);
        if (!files_.empty() && files_.front() == front) files_.erase(files_.begin());
        ++deleted;
    }
    return deleted;
}

}  // namespace rmq::store
