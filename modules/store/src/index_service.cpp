#include "store/index_service.hpp"

#include <algorithm>
#include <chrono>

#include "common/log.hpp"
#include "proto/flags.hpp"

namespace rmq::store {

namespace {

constexpr std::string_view kLog = "store.index";

int64_t now_ms() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

bool is_rollback(int32_t sys_flag) {
    namespace f = proto::msg_sys_flag;
    return (sys_flag & f::kTransactionMask) == f::kTransactionRollbackType;
}

void build_key(std::string& out, std::string_view topic, std::string_view key) {
    out.assign(topic);
    out += '#';
    out += key;
}

}  // namespace

IndexService::IndexService(std::filesystem::path dir, const StoreConfig& config)
    : dir_(std::move(dir)),
      hash_slot_num_(config.max_hash_slot_num),
      index_num_(config.max_index_num),
      max_msgs_num_batch_(config.max_msgs_num_batch),
      message_index_enable_(config.message_index_enable) {
}

IndexService::~IndexService() = default;

Result<void> IndexService::load(bool last_exit_ok, int64_t checkpoint_index_timestamp) {
    if (auto r = ensure_directory(dir_); !r) return r;
    std::error_code ec;
    std::vector<std::filesystem::path> paths;
    for (const auto& entry : std::filesystem::directory_iterator(dir_, ec)) {
        const auto name = entry.path().filename().string();
        if (!entry.is_regular_file() || !is_index_file_name(name)) {
            log::warn(kLog, "skipping " + entry.path().string() + ": not an index file");
            continue;
        }
        paths.push_back(entry.path());
    }
    if (ec)
        return common::Error{errc::io_error, "cannot list " + dir_.string() + ": " + ec.message()};
    std::sort(paths.begin(), paths.end());  // names are creation times: oldest first

    std::unique_lock lock(mutex_);
    files_.clear();
    for (const auto& path : paths) {
        auto file = IndexFile::open(path, hash_slot_num_, index_num_);
        if (!file) return file.error();
        if (!last_exit_ok && (*file)->end_timestamp() > checkpoint_index_timestamp) {
            // Written after the last checkpoint: it may be torn. The re-dispatch of the commit
            // log indexes its messages again.
            log::info(kLog, "deleting " + path.string() + ": newer than the checkpoint");
            if (auto r = (*file)->destroy(); !r) return r.error();
            continue;
        }
        files_.push_back(std::move(*file));
    }
    return {};
}

IndexFile* IndexService::writable_file() {
    int64_t prev_end_phy_offset = 0;
    int64_t prev_end_timestamp = 0;
    bool rolling_over = false;
    {
        std::shared_lock lock(mutex_);
        if (!files_.empty()) {
            IndexFile* last = files_.back().get();
            if (!last->is_full()) return last;
            const IndexHeader h = last->header();
            prev_end_phy_offset = h.end_phy_offset;
            prev_end_timestamp = h.end_timestamp;
            rolling_over = true;
        }
    }
    // Only this (dispatcher) thread adds files, so the list cannot change meanwhile except by
    // delete_expired, which never removes the newest file.
    std::error_code ec;
    std::filesystem::create_directories(dir_, ec);
    auto created = IndexFile::create_in(dir_, now_ms(), hash_slot_num_, index_num_,
                                        prev_end_phy_offset, prev_end_timestamp);
    if (!created) {
        creation_error_.store(true, std::memory_order_relaxed);
        log::error(kLog, "cannot create an index file, messages go unindexed until it works: "
                             + created.error().message);
        return nullptr;
    }
    creation_error_.store(false, std::memory_order_relaxed);
    IndexFile* file = created->get();
    {
        std::unique_lock lock(mutex_);
        files_.push_back(std::move(*created));
    }
    if (rolling_over) {
        // The full file is final now; flushing it lets the checkpoint cover it (RocketMQ does
        // this on a side thread and then writes the checkpoint).
        if (auto r = flush_final_files(); !r)
            log::error(kLog, "cannot flush a full index file: " + r.error().message);
    }
    return file;
}

IndexFile* IndexService::put_key(IndexFile* file, const DispatchRequest& request,
                                 std::string_view key) {
    build_key(key_buffer_, request.topic, key);
    while (!file->put_key(key_buffer_, request.commit_log_offset, request.store_timestamp)) {
        log::info(kLog, "index file " + file->file_name() + " is full, creating another");
        file = writable_file();
        if (!file) return nullptr;
    }
    return file;
}

void IndexService::build_index(const DispatchRequest& request) {
    if (!message_index_enable_) return;
    // RocketMQ gets (or rolls over to) the file before looking at the record, so even a skipped
    // record creates the next file; doing the same keeps file boundaries identical.
    IndexFile* file = writable_file();
    if (!file) return;
    if (request.commit_log_offset < file->end_phy_offset()) return;  // indexed before a restart
    if (is_rollback(request.sys_flag)) return;

    if (!request.uniq_key.empty()) {
        file = put_key(file, request, request.uniq_key);
        if (!file) return;
    }
    std::string_view keys = request.keys;
    while (!keys.empty()) {
        const size_t space = keys.find(' ');
        const std::string_view key = keys.substr(0, space);
        if (!key.empty()) {
            file = put_key(file, request, key);
            if (!file) return;
        }
        if (space == std::string_view::npos) break;
        keys.remove_prefix(space + 1);
    }
}

QueryOffsetResult IndexService::query(std::string_view topic, std::string_view key, int32_t max_num,
                                      int64_t begin, int64_t end) const {
    QueryOffsetResult result;
    const size_t limit = static_cast<size_t>(std::max(0, std::min(max_num, max_msgs_num_batch_)));
    std::string full_key;
    build_key(full_key, topic, key);

    std::shared_lock lock(mutex_);
    if (files_.empty()) return result;
    const IndexHeader newest = files_.back()->header();
    result.index_last_update_timestamp = newest.end_timestamp;
    result.index_last_update_phy_offset = newest.end_phy_offset;
    for (auto it = files_.rbegin(); it != files_.rend(); ++it) {
        const IndexFile& file = **it;
        if (file.is_time_matched(begin, end))
            file.select_phy_offsets(result.phy_offsets, full_key, limit, begin, end);
        // Older files end before this one begins: nothing there can be newer than `begin`.
        if (file.begin_timestamp() < begin) break;
        if (result.phy_offsets.size() >= limit) break;
    }
    return result;
}

Result<int64_t> IndexService::flush_final_files() {
    std::lock_guard flush_lock(flush_mutex_);
    std::shared_lock lock(mutex_);
    // Claim a file only when every older one is durable too: load() keeps all files at or
    // below the checkpoint value.
    for (size_t i = final_flushed_count_; i < files_.size(); ++i) {
        IndexFile& file = *files_[i];
        const bool final = i + 1 < files_.size() || file.is_full();
        if (!final) break;
        if (auto r = file.flush(); !r) return r.error();
        final_flushed_count_ = i + 1;
        durable_timestamp_ = file.end_timestamp();
    }
    return durable_timestamp_;
}

Result<int64_t> IndexService::flush() {
    auto durable = flush_final_files();
    if (!durable) return durable;
    std::shared_lock lock(mutex_);
    if (!files_.empty() && !files_.back()->is_full()) {
        if (auto r = files_.back()->flush(); !r) return r.error();
    }
    return durable;
}

void IndexService::delete_expired(int64_t commit_log_min_offset) {
    std::lock_guard flush_lock(flush_mutex_);
    std::unique_lock lock(mutex_);
    size_t deleted = 0;
    while (deleted + 1 < files_.size()
           && files_[deleted]->end_phy_offset() < commit_log_min_offset) {
        auto& file = files_[deleted];
        if (auto r = file->destroy(); !r) {
            // Already unmapped, so it leaves the list anyway; stop here and retry the rest later.
            log::error(kLog, "cannot delete expired index file: " + r.error().message);
            ++deleted;
            break;
        }
        log::info(kLog, "deleted expired index file " + file->path().string());
        ++deleted;
    }
    files_.erase(files_.begin(), files_.begin() + static_cast<std::ptrdiff_t>(deleted));
    final_flushed_count_ -= std::min(final_flushed_count_, deleted);
}

void IndexService::destroy() {
    std::lock_guard flush_lock(flush_mutex_);
    std::unique_lock lock(mutex_);
    for (auto& file : files_)
        if (auto r = file->destroy(); !r) log::error(kLog, r.error().message);
    files_.clear();
    final_flushed_count_ = 0;
    durable_timestamp_ = 0;
}

size_t IndexService::file_count() const {
    std::shared_lock lock(mutex_);
    return files_.size();
}

std::vector<IndexFileInfo> IndexService::files_info() const {
    std::shared_lock lock(mutex_);
    std::vector<IndexFileInfo> out;
    out.reserve(files_.size());
    for (const auto& file : files_)
        out.push_back({file->file_name(), file->header(), file->is_full()});
    return out;
}

}  // namespace rmq::store
