#pragma once
// File geometry of a store. RocketMQ keeps it in the broker's configuration, not in the store, so
// the inspector infers it from what is on disk, and options override it:
// - commit-log and consume-queue file size: the most common size of the files (all files have
//   the configured size in a healthy store; a truncated one is the odd one out);
// - index geometry (hash slots, max entries): RocketMQ's default when the files have the default
//   size; otherwise the entry count of a full file (every file but the newest is full) fixes it;
//   with a single file, the one geometry under which the newest entries sit at the head or inside
//   the chain of their own hash slot.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "inspector/index_reader.hpp"
#include "inspector/inspect_error.hpp"
#include "inspector/read_only_file.hpp"

namespace rmq::mqstore {

inline constexpr int64_t kDefaultCommitLogFileSize = int64_t{1} << 30;  // mappedFileSizeCommitLog
inline constexpr int64_t kDefaultCqFileSize = 300000 * 20;  // mappedFileSizeConsumeQueue

struct GeometryOptions {
    std::optional<int64_t> commit_log_file_size;
    std::optional<int64_t> cq_file_size;
    std::optional<int32_t> index_slots;
    std::optional<int32_t> index_entries;
};

/// The most common value; among equally common ones the largest; `fallback` for no values.
int64_t most_common_size(std::span<const uint64_t> sizes, int64_t fallback);

struct IndexGeometryGuess {
    std::optional<IndexGeometry> geometry;  // nullopt: no index files, or only empty ones
    std::string source;                     // how it was found, for `info`
};

/// `files` oldest first. Fails with bad_geometry when the sizes allow several geometries and the
/// entries do not single one out (pass --index-slots then).
Result<IndexGeometryGuess> infer_index_geometry(const std::vector<ReadOnlyFile>& files,
                                                const GeometryOptions& options);

}  // namespace rmq::mqstore
