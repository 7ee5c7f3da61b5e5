#include "store/config_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "common/log.hpp"

namespace rmq::store {

namespace fs = std::filesystem;

namespace {

struct FileRead {
    enum State { missing, empty, has_content, unreadable } state = missing;
    std::string content;
    std::string problem;  // why the file cannot be used, for error messages
};

FileRead read_whole_file(const fs::path& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT) return {FileRead::missing, {}, "missing"};
        return {FileRead::unreadable, {}, std::string("cannot open: ") + std::strerror(errno)};
    }
    FileRead result{FileRead::has_content, {}, {}};
    char buf[64 * 1024];
    while (true) {
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n == 0) break;
        if (n < 0) {
            if (errno == EINTR) continue;
            result = {
                FileRead::unreadable, {}, std::string("cannot read: ") + std::strerror(errno)};
            break;
        }
        result.content.append(buf, static_cast<size_t>(n));
    }
    ::close(fd);
    if (result.state == FileRead::has_content && result.content.empty()) {
        result.state = FileRead::empty;
        result.problem = "empty";
    }
    return result;
}

Result<void> write_synced_file(const fs::path& path, std::string_view content) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return io_error_from_errno(path, "cannot create");
    size_t done = 0;
    while (done < content.size()) {
        const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            auto e = io_error_from_errno(path, "cannot write");
            ::close(fd);
            return e;
        }
        done += static_cast<size_t>(n);
    }
    if (::fsync(fd) != 0) {
        auto e = io_error_from_errno(path, "cannot fsync");
        ::close(fd);
        return e;
    }
    if (::close(fd) != 0) return io_error_from_errno(path, "cannot close");
    return {};
}

// Makes a rename durable: the new directory entry is only on disk once the directory is synced.
Result<void> sync_directory(const fs::path& dir) {
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return io_error_from_errno(dir, "cannot open directory");
    if (::fsync(fd) != 0) {
        auto e = io_error_from_errno(dir, "cannot fsync directory");
        ::close(fd);
        return e;
    }
    ::close(fd);
    return {};
}

bool has_nothing(const FileRead& f) {
    return f.state == FileRead::missing || f.state == FileRead::empty;
}

}  // namespace

fs::path backup_path(const fs::path& path) {
    return fs::path(path.string() + ".bak");
}

fs::path temp_path(const fs::path& path) {
    return fs::path(path.string() + ".tmp");
}

Result<void> write_config_file(const fs::path& path, std::string_view content) {
    const fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
    if (auto r = ensure_directory(dir); !r) return r;
    if (auto r = write_synced_file(temp_path(path), content); !r) return r;
    // The previous version becomes the .bak, as MixAll.string2File does. An empty file is not
    // worth keeping and would overwrite a .bak that has content.
    const FileRead current = read_whole_file(path);
    if (current.state == FileRead::unreadable)
        return common::Error{errc::io_error, path.string() + ": " + current.problem};
    if (current.state == FileRead::has_content) {
        if (auto r = write_synced_file(backup_path(path), current.content); !r) return r;
    }
    if (::rename(temp_path(path).c_str(), path.c_str()) != 0)
        return io_error_from_errno(path, "cannot rename the .tmp file over");
    return sync_directory(dir);
}

Result<std::optional<std::string>> read_config_file(const fs::path& path,
                                                    const ConfigValidator& validate) {
    FileRead main = read_whole_file(path);
    if (main.state == FileRead::has_content) {
        auto valid = validate(main.content);
        if (valid) return std::optional(std::move(main.content));
        main.problem = valid.error().message;
    }
    FileRead bak = read_whole_file(backup_path(path));
    if (bak.state == FileRead::has_content) {
        auto valid = validate(bak.content);
        if (valid) {
            if (main.state != FileRead::missing)
                log::warn("store",
                          path.string() + ": " + main.problem + "; loaded its .bak instead");
            return std::optional(std::move(bak.content));
        }
        bak.problem = valid.error().message;
    }
    if (has_nothing(main) && has_nothing(bak)) return std::optional<std::string>();
    return common::Error{errc::bad_config, "cannot load " + path.string() + " (" + main.problem
                                               + ") nor its .bak (" + bak.problem + ")"};
}

}  // namespace rmq::store
