#include "store/store_error.hpp"

#include <cerrno>
#include <cstring>

namespace rmq::store {

const char* to_string(errc code) noexcept {
    switch (code) {
        case errc::io_error:
            return "I/O error";
        case errc::bad_file_name:
            return "not a store file name";
        case errc::bad_file_size:
            return "wrong store file size";
        case errc::offset_gap:
            return "gap between store files";
        case errc::out_of_range:
            return "offset out of range";
        case errc::bad_config:
            return "unreadable config file";
        case errc::not_at_end:
            return "replicated bytes not at the log's end";
        case errc::crosses_file:
            return "replicated bytes cross a file boundary";
        case errc::not_writable:
            return "store not writable";
    }
    return "unknown store error";
}

common::Error io_error_from_errno(const std::filesystem::path& path, const char* what) {
    return {errc::io_error, std::string(what) + " " + path.string() + ": " + std::strerror(errno)};
}

Result<void> ensure_directory(const std::filesystem::path& dir) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec)
        return common::Error{errc::io_error,
                             "cannot create directory " + dir.string() + ": " + ec.message()};
    return {};
}

}  // namespace rmq::store
