#include "inspector/store_inspector.hpp"

namespace rmq::mqstore {

Result<StoreInspector> StoreInspector::open(const std::filesystem::path& root,
                                            const GeometryOptions& options) {
    auto layout = list_store(root);
    if (!layout) return layout.error();
    StoreInspector inspector;
    inspector.layout_ = std::move(*layout);
    const StoreLayout& l = inspector.layout_;

    std::vector<uint64_t> sizes;
    for (const auto& f : l.commit_log_files)
        sizes.push_back(f.size);
    const int64_t commit_log_file_size =
        options.commit_log_file_size.value_or(most_common_size(sizes, kDefaultCommitLogFileSize));
    auto commit_log = CommitLogReader::open(l.commit_log_files, commit_log_file_size);
    if (!commit_log) return commit_log.error();
    inspector.commit_log_ = std::move(*commit_log);

    sizes.clear();
    for (const auto& q : l.queues) {
        for (const auto& f : q.files)
            sizes.push_back(f.size);
    }
    int64_t cq_size = options.cq_file_size.value_or(most_common_size(sizes, kDefaultCqFileSize));
    if (cq_size <= 0 || cq_size % kCqUnitSize != 0) {
        return common::Error{errc::bad_geometry,
                             "consume-queue files are " + std::to_string(cq_size)
                                 + " bytes, not a multiple of 20; pass --cq-file-size N"};
    }
    inspector.cq_file_size_ = cq_size;

    for (const auto& f : l.index_files) {
        auto mapped = ReadOnlyFile::map(f.path);
        if (!mapped) return mapped.error();
        inspector.index_files_.push_back(std::move(*mapped));
    }
    inspector.index_geometry_ = infer_index_geometry(inspector.index_files_, options);

    auto checkpoint = read_checkpoint(l.checkpoint_path());
    if (!checkpoint) return checkpoint.error();
    inspector.checkpoint_ = *checkpoint;
    return inspector;
}

}  // namespace rmq::mqstore
