#pragma once
// Entry point of the read-only inspector: lists a store directory, infers its geometry and maps
// the commit log. Nothing here takes the store's lock, recovers or truncates anything (unlike
// store::MessageStore::open), so it is safe on a store a running broker holds.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "inspector/checkpoint_reader.hpp"
#include "inspector/commit_log_reader.hpp"
#include "inspector/consume_queue_reader.hpp"
#include "inspector/geometry.hpp"
#include "inspector/store_layout.hpp"

namespace rmq::mqstore {

class StoreInspector {
  public:
    static Result<StoreInspector> open(const std::filesystem::path& root,
                                       const GeometryOptions& options = {});

    const StoreLayout& layout() const { return layout_; }
    const CommitLogReader& commit_log() const { return commit_log_; }
    int64_t cq_file_size() const { return cq_file_size_; }
    /// The index geometry, or why it could not be found (an index error does not stop commands
    /// that do not need entries).
    const Result<IndexGeometryGuess>& index_geometry() const { return index_geometry_; }
    const std::vector<ReadOnlyFile>& index_files() const { return index_files_; }
    const std::optional<CheckpointValues>& checkpoint() const { return checkpoint_; }

    /// Maps one queue's files (mapped on demand: a store may have tens of thousands of queues).
    Result<ConsumeQueueReader> open_queue(const QueueDirectory& dir) const {
        return ConsumeQueueReader::open(dir, cq_file_size_);
    }

  private:
    StoreLayout layout_;
    CommitLogReader commit_log_;
    int64_t cq_file_size_ = kDefaultCqFileSize;
    Result<IndexGeometryGuess> index_geometry_ = IndexGeometryGuess{};
    std::vector<ReadOnlyFile> index_files_;
    std::optional<CheckpointValues> checkpoint_;
};

}  // namespace rmq::mqstore
