#include "store/checkpoint.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "common/big_endian.hpp"

namespace rmq::store {

Result<std::unique_ptr<StoreCheckpoint>> StoreCheckpoint::open(const std::filesystem::path& path) {
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) return io_error_from_errno(path, "cannot open");
    struct stat st {};
    if (::fstat(fd, &st) != 0
        || (st.st_size < static_cast<off_t>(kFileSize)
            && ::ftruncate(fd, static_cast<off_t>(kFileSize)) != 0)) {
        auto e = io_error_from_errno(path, "cannot size");
        ::close(fd);
        return e;
    }
    void* base = ::mmap(nullptr, kFileSize, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (base == MAP_FAILED) {
        auto e = io_error_from_errno(path, "cannot mmap");
        ::close(fd);
        return e;
    }
    return std::unique_ptr<StoreCheckpoint>(
        new StoreCheckpoint(path, fd, static_cast<char*>(base)));
}

StoreCheckpoint::StoreCheckpoint(std::filesystem::path path, int fd, char* base)
    : path_(std::move(path)), fd_(fd), base_(base) {
    physic_ = load_be<int64_t>(base_);
    logics_ = load_be<int64_t>(base_ + 8);
    index_ = load_be<int64_t>(base_ + 16);
}

StoreCheckpoint::~StoreCheckpoint() {
    ::munmap(base_, kFileSize);
    ::close(fd_);
}

int64_t StoreCheckpoint::min_timestamp() const {
    return std::max<int64_t>(
        0, std::min(physic_msg_timestamp(), logics_msg_timestamp()) - kRecoverySlackMs);
}

int64_t StoreCheckpoint::min_timestamp_index() const {
    return std::min(min_timestamp(), index_msg_timestamp());
}

Result<void> StoreCheckpoint::flush() {
    store_be<int64_t>(base_, physic_msg_timestamp());
    store_be<int64_t>(base_ + 8, logics_msg_timestamp());
    store_be<int64_t>(base_ + 16, index_msg_timestamp());
    if (::msync(base_, kFileSize, MS_SYNC) != 0) return io_error_from_errno(path_, "cannot msync");
    return {};
}

Result<std::unique_ptr<StoreLock>> StoreLock::acquire(const std::filesystem::path& path) {
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) return io_error_from_errno(path, "cannot open");
    // Open-file-description locks conflict with Java's POSIX record locks and, unlike those,
    // also with a second lock taken inside this process.
    struct flock lock {};
    lock.l_type = F_WRLCK;
    lock.l_whence = SEEK_SET;
    lock.l_start = 0;
    lock.l_len = 1;
    if (::fcntl(fd, F_OFD_SETLK, &lock) != 0) {
        const int err = errno;
        ::close(fd);
        if (err == EAGAIN || err == EACCES)
            return common::Error{
                errc::io_error,
                "the store is in use by another broker (lock held on " + path.string() + ")"};
        errno = err;
        return io_error_from_errno(path, "cannot lock");
    }
    if (::pwrite(fd, "lock", 4, 0) != 4) {
        auto e = io_error_from_errno(path, "cannot write");
        ::close(fd);
        return e;
    }
    return std::unique_ptr<StoreLock>(new StoreLock(fd));
}

StoreLock::~StoreLock() {
    ::close(fd_);
}

}  // namespace rmq::store
