#include "inspector/read_only_file.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <utility>

namespace rmq::mqstore {

namespace {

common::Error os_error(const std::filesystem::path& path, const char* what) {
    return {errc::io_error,
            std::string("cannot ") + what + " " + path.string() + ": " + std::strerror(errno)};
}

}  // namespace

Result<ReadOnlyFile> ReadOnlyFile::map(const std::filesystem::path& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return os_error(path, "open");
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        auto err = os_error(path, "stat");
        ::close(fd);
        return err;
    }
    ReadOnlyFile file;
    file.path_ = path;
    file.size_ = static_cast<std::size_t>(st.st_size);
    if (file.size_ > 0) {
        void* p = ::mmap(nullptr, file.size_, PROT_READ, MAP_SHARED, fd, 0);
        if (p == MAP_FAILED) {
            auto err = os_error(path, "map");
            ::close(fd);
            return err;
        }
        file.data_ = static_cast<const char*>(p);
    }
    ::close(fd);  // the mapping keeps the file contents reachable
    return file;
}

ReadOnlyFile::~ReadOnlyFile() {
    release();
}

ReadOnlyFile::ReadOnlyFile(ReadOnlyFile&& other) noexcept
    : path_(std::move(other.path_)),
      data_(std::exchange(other.data_, nullptr)),
      size_(std::exchange(other.size_, 0)) {
}

ReadOnlyFile& ReadOnlyFile::operator=(ReadOnlyFile&& other) noexcept {
    if (this != &other) {
        release();
        path_ = std::move(other.path_);
        data_ = std::exchange(other.data_, nullptr);
        size_ = std::exchange(other.size_, 0);
    }
    return *this;
}

void ReadOnlyFile::release() noexcept {
    if (data_ != nullptr) ::munmap(const_cast<char*>(data_), size_);
    data_ = nullptr;
    size_ = 0;
}

bool all_zero(std::span<const char> bytes) {
    // Word-at-a-time would be faster; pages of zeros are rare enough in a verify run that the
    // simple loop (which the compiler vectorizes) is fine.
    return std::all_of(bytes.begin(), bytes.end(), [](char c) { return c == 0; });
}

}  // namespace rmq::mqstore
