#pragma once
// The `checkpoint` and `lock` files (spec/store-format.md §6), read without changing them.
#include <cstdint>
#include <filesystem>
#include <optional>

#include "inspector/inspect_error.hpp"

namespace rmq::mqstore {

struct CheckpointValues {
    int64_t physic_msg_timestamp = 0;
    int64_t logics_msg_timestamp = 0;
    int64_t index_msg_timestamp = 0;
    uint64_t file_size = 0;
};

/// nullopt when the file does not exist; values past the end of a short file read as 0.
Result<std::optional<CheckpointValues>> read_checkpoint(const std::filesystem::path& path);

enum class LockState : uint8_t { no_file, free, held };

/// Whether some process holds the broker's lock on byte 0 of `path` (asked with F_GETLK on a
/// read-only descriptor, which tests for the lock without taking it).
LockState query_lock(const std::filesystem::path& path);

}  // namespace rmq::mqstore
