#include "inspector/checkpoint_reader.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cstring>

#include "common/big_endian.hpp"
#include "inspector/read_only_file.hpp"

namespace rmq::mqstore {

Result<std::optional<CheckpointValues>> read_checkpoint(const std::filesystem::path& path) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) return std::optional<CheckpointValues>{};
    auto file = ReadOnlyFile::map(path);
    if (!file) return file.error();
    char raw[24] = {};
    const auto bytes = file->bytes();
    std::memcpy(raw, bytes.data(), std::min(bytes.size(), sizeof raw));
    return std::optional<CheckpointValues>{
        CheckpointValues{load_be<int64_t>(raw), load_be<int64_t>(raw + 8),
                         load_be<int64_t>(raw + 16), file->size()}};
}

LockState query_lock(const std::filesystem::path& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return LockState::no_file;
    struct flock query {};
    query.l_type = F_WRLCK;
    query.l_whence = SEEK_SET;
    query.l_start = 0;
    query.l_len = 1;
    const bool asked = ::fcntl(fd, F_GETLK, &query) == 0;
    ::close(fd);
    return asked && query.l_type != F_UNLCK ? LockState::held : LockState::free;
}

}  // namespace rmq::mqstore
