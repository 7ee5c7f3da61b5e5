#pragma once
// Commit-log recovery scans (spec/store-format.md §8 step 4).
#include <cstddef>
#include <cstdint>
#include <functional>

#include "config/store_config.hpp"
#include "message/record.hpp"
#include "store/checkpoint.hpp"
#include "store/commit_log.hpp"

namespace rmq::store {

/// The file index a recovery scan starts at: the third-last file after a clean shutdown; after a
/// crash the newest file whose first record is older than the checkpoint says is safe.
size_t recovery_start_file(const CommitLog& log, bool last_exit_ok,
                           const StoreCheckpoint& checkpoint, const StoreConfig& config);

/// Reads records from file `start_file` on, verifying each (CRC with check_crc), and calls
/// `on_record` for every valid one; returns the offset where the valid log ends.
int64_t scan_commit_log(const CommitLog& log, size_t start_file, bool check_crc,
                        const std::function<void(const message::RecordView&)>& on_record);

}  // namespace rmq::store
