#pragma once
// What a store directory holds (spec/store-format.md §1), found by listing it: nothing is mapped
// or read here, so listing a store that a broker is writing is cheap and harmless.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "inspector/inspect_error.hpp"

namespace rmq::mqstore {

/// A file of a mapped-file directory (commit log, consume queue) or of index/.
struct StoreFile {
    std::filesystem::path path;
    std::string name;
    int64_t offset = 0;  // the 20-digit name's value; 0 for index files
    uint64_t size = 0;   // size on disk when listed
};

struct QueueDirectory {
    std::string topic;
    int32_t queue_id = 0;
    std::filesystem::path dir;
    std::vector<StoreFile> files;                // 20-digit names, by offset
    std::vector<std::filesystem::path> foreign;  // anything else found in the directory
};

struct StoreLayout {
    std::filesystem::path root;
    std::vector<StoreFile> commit_log_files;                // by offset
    std::vector<std::filesystem::path> commit_log_foreign;  // names that are not 20 digits
    std::vector<QueueDirectory> queues;                     // by topic, then queue id
    /// consumequeue/<topic>/<x> with a non-numeric x: RocketMQ skips them, so do we.
    std::vector<std::filesystem::path> skipped_queue_dirs;
    std::vector<StoreFile> index_files;                // 17-digit names, oldest first
    std::vector<std::filesystem::path> index_foreign;  // anything else in index/
    bool has_checkpoint = false;
    bool abort_present = false;  // the last run did not shut down cleanly (or is still running)
    bool lock_present = false;

    std::filesystem::path commit_log_dir() const { return root / "commitlog"; }
    std::filesystem::path consume_queue_dir() const { return root / "consumequeue"; }
    std::filesystem::path index_dir() const { return root / "index"; }
    std::filesystem::path checkpoint_path() const { return root / "checkpoint"; }

    const QueueDirectory* find_queue(const std::string& topic, int32_t queue_id) const;
};

/// Lists `root`. Fails with not_found when it does not exist or is not a directory and with
/// not_a_store when it has no commitlog/ directory; consumequeue/ and index/ may be missing.
Result<StoreLayout> list_store(const std::filesystem::path& root);

}  // namespace rmq::mqstore
