#pragma once
// What `mqstore info` reports, gathered from a StoreInspector.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "inspector/checkpoint_reader.hpp"
#include "inspector/store_inspector.hpp"

namespace rmq::mqstore {

struct CommitLogSummary {
    size_t file_count = 0;
    int64_t file_size = 0;
    int64_t min_offset = 0;
    int64_t max_offset = 0;  // end of the valid data (recovery's scan, no CRC)
};

struct QueueSummary {
    std::string topic;
    int32_t queue_id = 0;
    int64_t min_offset = 0;
    int64_t max_offset = 0;
    size_t file_count = 0;
};

struct IndexSummary {
    size_t file_count = 0;
    int64_t entries = 0;          // sum of indexCount - 1
    int64_t begin_timestamp = 0;  // earliest beginTimestamp of a non-empty file; 0 if none
    int64_t end_timestamp = 0;    // latest endTimestamp
    std::optional<IndexGeometry> geometry;
    std::string geometry_source;  // or why it is unknown
};

struct DiskUsage {
    uint64_t commit_log = 0;  // allocated bytes (du), not apparent sizes: files are sparse
    uint64_t consume_queue = 0;
    uint64_t index = 0;
    uint64_t partition_free = 0;  // available to unprivileged users, as df shows it
    uint64_t partition_total = 0;
};

struct StoreSummary {
    std::string root;
    CommitLogSummary commit_log;
    bool clean_shutdown = true;  // no abort file
    LockState lock = LockState::no_file;
    std::optional<CheckpointValues> checkpoint;
    int64_t cq_file_size = 0;
    std::vector<QueueSummary> queues;
    IndexSummary index;
    DiskUsage disk;
};

/// Fails only when a queue's files cannot be mapped.
Result<StoreSummary> summarize_store(const StoreInspector& inspector);

}  // namespace rmq::mqstore
