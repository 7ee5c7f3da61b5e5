#include "store/mapped_file_queue.hpp"

#include <algorithm>
#include <mutex>

namespace rmq::store {

MappedFileQueue::MappedFileQueue(std::filesystem::path dir, size_t file_size, Allocation allocation)
    : dir_(std::move(dir)), file_size_(file_size), allocation_(allocation) {
}

Result<void> MappedFileQueue::load() {
    if (auto r = ensure_directory(dir_); !r) return r;
    std::error_code ec;
    std::vector<std::filesystem::path> paths;
    for (const auto& entry : std::filesystem::directory_iterator(dir_, ec)) {
        if (entry.is_regular_file()) paths.push_back(entry.path());
    }
    if (ec)
        return common::Error{errc::io_error, "cannot list " + dir_.string() + ": " + ec.message()};
    std::sort(paths.begin(), paths.end());

    std::vector<std::shared_ptr<MappedFile>> loaded;
    for (const auto& path : paths) {
        auto file = MappedFile::open(path, file_size_, false, allocation_);
        if (!file) return file.error();
        if (!loaded.empty()) {
            const int64_t expected =
                loaded.back()->file_from_offset() + static_cast<int64_t>(file_size_);
            if ((*file)->file_from_offset() != expected)
                return common::Error{errc::offset_gap,
                                     path.string() + " should start at " + std::to_string(expected)
                                         + " to follow " + loaded.back()->path().string()};
        }
        (*file)->set_wrote_position(file_size_);
        (*file)->set_flushed_position(file_size_);
        loaded.push_back(std::move(*file));
    }
    std::unique_lock lock(mutex_);
    files_ = std::move(loaded);
    return {};
}

bool MappedFileQueue::empty() const {
    std::shared_lock lock(mutex_);
    return files_.empty();
}

size_t MappedFileQueue::file_count() const {
    std::shared_lock lock(mutex_);
    return files_.size();
}

std::vector<std::shared_ptr<MappedFile>> MappedFileQueue::files() const {
    std::shared_lock lock(mutex_);
    return files_;
}

std::shared_ptr<MappedFile> MappedFileQueue::first_file() const {
    std::shared_lock lock(mutex_);
    return files_.empty() ? nullptr : files_.front();
}

std::shared_ptr<MappedFile> MappedFileQueue::last_file() const {
    std::shared_lock lock(mutex_);
    return files_.empty() ? nullptr : files_.back();
}

Result<MappedFile*> MappedFileQueue::last_file_for_write(int64_t start_offset) {
    {
        std::shared_lock lock(mutex_);
        if (!files_.empty() && !files_.back()->is_full()) return files_.back().get();
    }
    std::unique_lock lock(mutex_);
    const auto size = static_cast<int64_t>(file_size_);
    const int64_t from = files_.empty() ? start_offset - start_offset % size
                                        : files_.back()->file_from_offset() + size;
    auto file = MappedFile::open(dir_ / offset_to_file_name(from), file_size_, true, allocation_);
    if (!file) return file.error();
    files_.push_back(std::move(*file));
    return files_.back().get();
}

std::shared_ptr<MappedFile> MappedFileQueue::find_by_offset(int64_t offset) const {
    std::shared_lock lock(mutex_);
    if (files_.empty() || offset < files_.front()->file_from_offset()) return nullptr;
    const auto index = static_cast<size_t>((offset - files_.front()->file_from_offset())
                                           / static_cast<int64_t>(file_size_));
    return index < files_.size() ? files_[index] : nullptr;
}

int64_t MappedFileQueue::min_offset() const {
    std::shared_lock lock(mutex_);
    return files_.empty() ? -1 : files_.front()->file_from_offset();
}

int64_t MappedFileQueue::max_offset() const {
    std::shared_lock lock(mutex_);
    if (files_.empty()) return 0;
    return files_.back()->file_from_offset()
           + static_cast<int64_t>(files_.back()->wrote_position());
}

Result<void> MappedFileQueue::truncate_to(int64_t offset) {
    std::unique_lock lock(mutex_);
    // A file that starts exactly at `offset` is kept (empty), as RocketMQ does.
    while (!files_.empty() && files_.back()->file_from_offset() > offset) {
        if (auto r = files_.back()->destroy(); !r) return r.error();
        files_.pop_back();
    }
    if (files_.empty()) return {};
    auto& last = files_.back();
    const int64_t within = offset - last->file_from_offset();
    if (within < 0 || within > static_cast<int64_t>(file_size_))
        return common::Error{errc::out_of_range,
                             "offset " + std::to_string(offset) + " is outside " + dir_.string()};
    last->set_wrote_position(static_cast<size_t>(within));
    last->set_flushed_position(static_cast<size_t>(within));
    return {};
}

Result<int64_t> MappedFileQueue::flush(size_t least_pages) {
    for (const auto& file : files()) {
        if (file->flushed_position() >= file->wrote_position()) continue;
        auto flushed = file->flush(least_pages);
        if (!flushed) return flushed.error();
        // A file left partly dirty (too few pages) or the one still being written ends the walk.
        if (*flushed < file->size()) break;
        least_pages = 0;
    }
    return flushed_offset();
}

int64_t MappedFileQueue::flushed_offset() const {
    std::shared_lock lock(mutex_);
    for (const auto& file : files_) {
        if (file->flushed_position() < file->size())
            return file->file_from_offset() + static_cast<int64_t>(file->flushed_position());
    }
    return files_.empty() ? 0
                          : files_.back()->file_from_offset() + static_cast<int64_t>(file_size_);
}

Result<void> MappedFileQueue::delete_last_file() {
    std::unique_lock lock(mutex_);
    if (files_.empty()) return {};
    if (auto r = files_.back()->destroy(); !r) return r.error();
    files_.pop_back();
    return {};
}

Result<void> MappedFileQueue::destroy_all() {
    std::unique_lock lock(mutex_);
    while (!files_.empty()) {
        if (auto r = files_.back()->destroy(); !r) return r.error();
        files_.pop_back();
    }
    return {};
}

}  // namespace rmq::store
