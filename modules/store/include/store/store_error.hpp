#pragma once
// Errors of the message store. I/O failures carry the path and the OS reason, because the
// operator has to act on them (a full disk, a foreign file in the store directory).
#include <filesystem>
#include <system_error>
#include <type_traits>

#include "common/error.hpp"

namespace rmq::store {

enum class errc {
    io_error = 1,   // open/mmap/msync/unlink failed; message has the OS reason
    bad_file_name,  // a file in a mapped-file directory is not a 20-digit offset
    bad_file_size,  // a mapped file does not have the configured size
    offset_gap,     // consecutive files do not follow each other
    out_of_range,   // an offset outside the queue
    bad_config,     // a config file (and its .bak) cannot be parsed; message names the file
    not_at_end,     // replicated bytes do not start where this commit log ends
    crosses_file,   // replicated bytes would cross a commit-log file boundary
    not_writable,   // the store is stopped, or stopped writing after an I/O error
};

const char* to_string(errc code) noexcept;
inline const char* category_name(errc) noexcept {
    return "rmq.store";
}
using common::make_error_code;

template <class T>
using Result = common::Result<T>;

/// Creates `dir` and its parents if missing; an io_error naming it otherwise.
Result<void> ensure_directory(const std::filesystem::path& dir);

/// An io_error for `path` with errno's text: "<what> <path>: <reason>".
common::Error io_error_from_errno(const std::filesystem::path& path, const char* what);

}  // namespace rmq::store

template <>
struct std::is_error_code_enum<rmq::store::errc> : std::true_type {};
