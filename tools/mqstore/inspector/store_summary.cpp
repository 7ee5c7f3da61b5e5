#include "inspector/store_summary.hpp"

#include <sys/stat.h>
#include <sys/statvfs.h>

#include <algorithm>
#include <filesystem>

#include "inspector/index_reader.hpp"

namespace rmq::mqstore {

namespace fs = std::filesystem;

namespace {

/// Allocated bytes of every regular file under `dir` (st_blocks, as du counts).
uint64_t allocated_bytes(const fs::path& dir) {
    uint64_t total = 0;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) return 0;
    for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        struct stat st {};
        if (::lstat(it->path().c_str(), &st) == 0 && S_ISREG(st.st_mode))
            total += static_cast<uint64_t>(st.st_blocks) * 512;
    }
    return total;
}

IndexSummary summarize_index(const StoreInspector& inspector) {
    IndexSummary s;
    s.file_count = inspector.index_files().size();
    for (const auto& f : inspector.index_files()) {
        auto h = read_index_header(f.bytes());
        if (!h || h->index_count <= 1) continue;
        s.entries += h->index_count - 1;
        if (s.begin_timestamp == 0 || h->begin_timestamp < s.begin_timestamp)
            s.begin_timestamp = h->begin_timestamp;
        s.end_timestamp = std::max(s.end_timestamp, h->end_timestamp);
    }
    const auto& geometry = inspector.index_geometry();
    if (geometry) {
        s.geometry = geometry->geometry;
        s.geometry_source = geometry->source;
    } else {
        s.geometry_source = geometry.error().message;
    }
    return s;
}

}  // namespace

Result<StoreSummary> summarize_store(const StoreInspector& inspector) {
    const StoreLayout& layout = inspector.layout();
    const CommitLogReader& log = inspector.commit_log();
    StoreSummary s;
    s.root = layout.root.string();
    s.commit_log = {log.files().size(), log.file_size(), log.min_offset(), log.scan_end()};
    s.clean_shutdown = !layout.abort_present;
    s.lock = query_lock(layout.root / "lock");
    s.checkpoint = inspector.checkpoint();
    s.cq_file_size = inspector.cq_file_size();
    for (const auto& dir : layout.queues) {
        auto queue = inspector.open_queue(dir);
        if (!queue) return queue.error();
        s.queues.push_back({dir.topic, dir.queue_id, queue->min_offset(log.min_offset()),
                            queue->max_offset(), queue->file_count()});
    }
    s.index = summarize_index(inspector);
    s.disk.commit_log = allocated_bytes(layout.commit_log_dir());
    s.disk.consume_queue = allocated_bytes(layout.consume_queue_dir());
    s.disk.index = allocated_bytes(layout.index_dir());
    struct statvfs vfs {};
    if (::statvfs(layout.root.c_str(), &vfs) == 0) {
        s.disk.partition_free = static_cast<uint64_t>(vfs.f_bavail) * vfs.f_frsize;
        s.disk.partition_total = static_cast<uint64_t>(vfs.f_blocks) * vfs.f_frsize;
    }
    return s;
}

}  // namespace rmq::mqstore
