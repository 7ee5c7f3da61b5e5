#include "store/mapped_file.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>

namespace rmq::store {

std::string offset_to_file_name(int64_t offset) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%020lld", static_cast<long long>(offset));
    return buf;
}

std::optional<int64_t> file_name_to_offset(std::string_view name) {
    if (name.size() != 20) return std::nullopt;
    int64_t value = 0;
    for (char c : name) {
        if (c < '0' || c > '9') return std::nullopt;
        if (value > (INT64_MAX - (c - '0')) / 10) return std::nullopt;
        value = value * 10 + (c - '0');
    }
    return value;
}

Result<std::shared_ptr<MappedFile>> MappedFile::open(const std::filesystem::path& path, size_t size,
                                                     bool create, Allocation allocation) {
    auto from = file_name_to_offset(path.filename().string());
    if (!from)
        return common::Error{errc::bad_file_name,
                             "not a mapped-file name (20-digit offset): " + path.string()};
    const int fd = ::open(path.c_str(), O_RDWR | O_CLOEXEC | (create ? O_CREAT : 0), 0644);
    if (fd < 0) return io_error_from_errno(path, "cannot open");
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        auto e = io_error_from_errno(path, "cannot stat");
        ::close(fd);
        return e;
    }
    const bool fresh = create && st.st_size == 0;
    if (fresh && allocation == Allocation::on_demand) {
        if (::ftruncate(fd, static_cast<off_t>(size)) != 0) {
            auto e = io_error_from_errno(path, "cannot size");
            ::close(fd);
            ::unlink(path.c_str());
            return e;
        }
    } else if (fresh) {
        // Reserve the blocks now so a full disk shows up here, not as SIGBUS on a later write.
        if (int rc = ::posix_fallocate(fd, 0, static_cast<off_t>(size)); rc != 0) {
            errno = rc;
            auto e = io_error_from_errno(path, "cannot allocate");
            ::close(fd);
            ::unlink(path.c_str());
            return e;
        }
    } else if (static_cast<size_t>(st.st_size) != size) {
        ::close(fd);
        return common::Error{errc::bad_file_size,
                             path.string() + " has " + std::to_string(st.st_size)
                                 + " bytes, the configured mapped-file size is "
                                 + std::to_string(size)};
    }
    void* base = ::mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (base == MAP_FAILED) {
        auto e = io_error_from_errno(path, "cannot mmap");
        ::close(fd);
        return e;
    }
    return std::shared_ptr<MappedFile>(
        new MappedFile(path, fd, static_cast<char*>(base), size, *from, allocation));
}

MappedFile::MappedFile(std::filesystem::path path, int fd, char* base, size_t size,
                       int64_t from_offset, Allocation allocation)
    : path_(std::move(path)),
      fd_(fd),
      base_(base),
      size_(size),
      from_offset_(from_offset),
      allocation_(allocation),
      allocated_(allocation == Allocation::whole_file ? size : 0) {
}

Result<void> MappedFile::ensure_allocated(size_t end) {
    if (end <= allocated_) return {};
    // Chunks keep the syscall rare while a mostly idle queue stays small on disk.
    constexpr size_t kChunk = 64 * 1024;
    const size_t target = std::min(size_, (end + kChunk - 1) / kChunk * kChunk);
    if (int rc = ::posix_fallocate(fd_, static_cast<off_t>(allocated_),
                                   static_cast<off_t>(target - allocated_));
        rc != 0) {
        errno = rc;
        return io_error_from_errno(path_, "cannot allocate");
    }
    allocated_ = target;
    return {};
}

MappedFile::~MappedFile() {
    if (base_) ::munmap(base_, size_);
    if (fd_ >= 0) ::close(fd_);
}

std::span<const char> MappedFile::readable_from(size_t pos) const {
    const size_t end = wrote_position();
    if (pos >= end) return {};
    return {base_ + pos, end - pos};
}

Result<size_t> MappedFile::flush(size_t least_pages) {
    const size_t wrote = wrote_position();
    const size_t flushed = flushed_position();
    if (wrote <= flushed) return flushed;
    // A full file is always flushed: nothing more will be added to make up the page count.
    if (least_pages > 0 && wrote < size_
        && wrote / kOsPageSize - flushed / kOsPageSize < least_pages)
        return flushed;
    const size_t start = flushed / kOsPageSize * kOsPageSize;
    if (::msync(base_ + start, wrote - start, MS_SYNC) != 0)
        return io_error_from_errno(path_, "cannot msync");
    set_flushed_position(wrote);
    return wrote;
}

Result<void> MappedFile::destroy() {
    if (destroyed_.exchange(true, std::memory_order_acq_rel)) return {};
    if (::unlink(path_.c_str()) != 0 && errno != ENOENT)
        return io_error_from_errno(path_, "cannot delete");
    return {};
}

std::filesystem::file_time_type MappedFile::last_modified() const {
    std::error_code ec;
    return std::filesystem::last_write_time(path_, ec);
}

}  // namespace rmq::store
