#pragma once
// Errors of the message store. I/O failures carry the path and the OS reason, because the
// operator has to act on them (a full disk, a foreign file in the store directory).
#include <cstdint>
#include <filesystem>
#include <string>

#include "common/expected.hpp"

namespace rmq::store {

enum class StoreErrc : uint8_t {
    io_error,       // open/mmap/msync/unlink failed; message has the OS reason
    bad_file_name,  // a file in a mapped-file directory is not a 20-digit offset
    bad_file_size,  // a mapped file does not have the configured size
    offset_gap,     // consecutive files do not follow each other
    out_of_range,   // an offset outside the queue
    bad_config,     // a config file (and its .bak) cannot be parsed; message names the file
};

struct StoreError {
    StoreErrc code = StoreErrc::io_error;
    std::string message;
};

template <class T>
using Result = common::Expected<T, StoreError>;

/// Creates `dir` and its parents if missing; an io_error naming it otherwise.
Result<void> ensure_directory(const std::filesystem::path& dir);

/// An io_error for `path` with errno's text: "<what> <path>: <reason>".
StoreError io_error_from_errno(const std::filesystem::path& path, const char* what);

}  // namespace rmq::store
