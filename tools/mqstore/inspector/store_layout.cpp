#include "inspector/store_layout.hpp"

#include <algorithm>
#include <charconv>
#include <system_error>

#include "store/index_file.hpp"
#include "store/mapped_file.hpp"

namespace rmq::mqstore {

namespace fs = std::filesystem;

namespace {

common::Error listing_error(const fs::path& dir, const std::error_code& ec) {
    return {errc::io_error, "cannot list " + dir.string() + ": " + ec.message()};
}

std::optional<int32_t> parse_queue_id(const std::string& name) {
    int32_t id = 0;
    auto [p, ec] = std::from_chars(name.data(), name.data() + name.size(), id);
    if (ec != std::errc() || p != name.data() + name.size() || id < 0) return std::nullopt;
    return id;
}

uint64_t size_of(const fs::directory_entry& entry) {
    std::error_code ec;
    const auto size = entry.file_size(ec);
    return ec ? 0 : size;
}

/// Reads a mapped-file directory: 20-digit regular files by offset, everything else foreign.
Result<void> list_mapped_files(const fs::path& dir, std::vector<StoreFile>& files,
                               std::vector<fs::path>& foreign) {
    std::error_code ec;
    fs::directory_iterator it(dir, ec);
    if (ec) return listing_error(dir, ec);
    for (const auto& entry : it) {
        const std::string name = entry.path().filename().string();
        const auto offset = store::file_name_to_offset(name);
        if (offset && entry.is_regular_file(ec)) {
            files.push_back({entry.path(), name, *offset, size_of(entry)});
        } else {
            foreign.push_back(entry.path());
        }
    }
    std::sort(files.begin(), files.end(),
              [](const StoreFile& a, const StoreFile& b) { return a.offset < b.offset; });
    std::sort(foreign.begin(), foreign.end());
    return {};
}

Result<void> list_queues(const fs::path& dir, StoreLayout& layout) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) return {};
    fs::directory_iterator topics(dir, ec);
    if (ec) return listing_error(dir, ec);
    for (const auto& topic : topics) {
        if (!topic.is_directory(ec)) continue;
        fs::directory_iterator queues(topic.path(), ec);
        if (ec) return listing_error(topic.path(), ec);
        for (const auto& queue : queues) {
            const auto id = parse_queue_id(queue.path().filename().string());
            if (!id || !queue.is_directory(ec)) {
                layout.skipped_queue_dirs.push_back(queue.path());
                continue;
            }
            QueueDirectory q{topic.path().filename().string(), *id, queue.path(), {}, {}};
            if (auto r = list_mapped_files(queue.path(), q.files, q.foreign); !r) return r;
            layout.queues.push_back(std::move(q));
        }
    }
    std::sort(layout.queues.begin(), layout.queues.end(),
              [](const QueueDirectory& a, const QueueDirectory& b) {
                  return a.topic != b.topic ? a.topic < b.topic : a.queue_id < b.queue_id;
              });
    std::sort(layout.skipped_queue_dirs.begin(), layout.skipped_queue_dirs.end());
    return {};
}

Result<void> list_index(const fs::path& dir, StoreLayout& layout) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) return {};
    fs::directory_iterator it(dir, ec);
    if (ec) return listing_error(dir, ec);
    for (const auto& entry : it) {
        const std::string name = entry.path().filename().string();
        if (store::is_index_file_name(name) && entry.is_regular_file(ec)) {
            layout.index_files.push_back({entry.path(), name, 0, size_of(entry)});
        } else {
            layout.index_foreign.push_back(entry.path());
        }
    }
    // Names are creation times with a fixed width, so name order is age order.
    std::sort(layout.index_files.begin(), layout.index_files.end(),
              [](const StoreFile& a, const StoreFile& b) { return a.name < b.name; });
    std::sort(layout.index_foreign.begin(), layout.index_foreign.end());
    return {};
}

}  // namespace

const QueueDirectory* StoreLayout::find_queue(const std::string& topic, int32_t queue_id) const {
    for (const auto& q : queues) {
        if (q.topic == topic && q.queue_id == queue_id) return &q;
    }
    return nullptr;
}

Result<StoreLayout> list_store(const fs::path& root) {
    std::error_code ec;
    if (!fs::exists(root, ec))
        return common::Error{errc::not_found, "no such directory: " + root.string()};
    if (!fs::is_directory(root, ec))
        return common::Error{errc::not_found, "not a directory: " + root.string()};
    StoreLayout layout;
    layout.root = root;
    if (!fs::is_directory(layout.commit_log_dir(), ec)) {
        return common::Error{errc::not_a_store, "not a RocketMQ store: " + root.string()
                                                    + " has no commitlog/ directory"};
    }
    if (auto r = list_mapped_files(layout.commit_log_dir(), layout.commit_log_files,
                                   layout.commit_log_foreign);
        !r)
        return r.error();
    if (auto r = list_queues(layout.consume_queue_dir(), layout); !r) return r.error();
    if (auto r = list_index(layout.index_dir(), layout); !r) return r.error();
    layout.has_checkpoint = fs::is_regular_file(layout.checkpoint_path(), ec);
    layout.abort_present = fs::exists(root / "abort", ec);
    layout.lock_present = fs::exists(root / "lock", ec);
    return layout;
}

}  // namespace rmq::mqstore
