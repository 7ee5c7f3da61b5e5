#include "housekeeping_service.hpp"

#include <sys/statvfs.h>

#include <ctime>

#include "common/log.hpp"
#include "common/split.hpp"
#include "store/index_service.hpp"
#include "store/message_store.hpp"

namespace rmq::store {

namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

/// Used fraction of the partition holding `path` (Java: (total - free) / total); -1 if unknown.
double partition_usage(const StoreConfig& config, const std::filesystem::path& path) {
    if (config.disk_usage_probe) return config.disk_usage_probe(path);
    struct statvfs st {};
    if (::statvfs(path.c_str(), &st) != 0 || st.f_blocks == 0) return -1;
    return 1.0 - static_cast<double>(st.f_bfree) / static_cast<double>(st.f_blocks);
}

}  // namespace

HousekeepingService::HousekeepingService(MessageStore& store) : store_(store) {
}

HousekeepingService::~HousekeepingService() {
    stop();
}

void HousekeepingService::start() {
    thread_ = std::thread([this] { run(); });
}

void HousekeepingService::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void HousekeepingService::run() {
    const auto& config = store_.config_;
    auto now = Clock::now();
    auto next_cq_flush = now + milliseconds(config.flush_interval_consume_queue_ms);
    auto next_thorough = now + milliseconds(config.flush_consume_queue_thorough_interval_ms);
    auto next_clean = now + milliseconds(config.clean_resource_interval_ms);
    for (;;) {
        {
            std::unique_lock lock(mutex_);
            cv_.wait_for(lock, milliseconds(100), [&] { return stopping_; });
            if (stopping_) return;
        }
        now = Clock::now();
        store_.flush_->expire_overdue(now);
        if (now >= next_cq_flush) {
            const bool thorough = now >= next_thorough;
            flush_consume_queues(thorough);
            next_cq_flush = now + milliseconds(config.flush_interval_consume_queue_ms);
            if (thorough)
                next_thorough = now + milliseconds(config.flush_consume_queue_thorough_interval_ms);
        }
        if (now >= next_clean) {
            clean(false);
            next_clean = now + milliseconds(config.clean_resource_interval_ms);
        }
    }
}

void HousekeepingService::flush_consume_queues(bool thorough) {
    const auto& config = store_.config_;
    auto& checkpoint = *store_.checkpoint_;
    // Captured before the flush: everything dispatched up to this time is then durable.
    const int64_t logics = checkpoint.logics_msg_timestamp();
    const size_t least =
        thorough ? 0 : static_cast<size_t>(std::max(0, config.flush_consume_queue_least_pages));
    bool ok = true;
    store_.queues_->for_each([&](ConsumeQueue& q) {
        if (auto r = q.flush(least); !r) {
            ok = false;
            log::error("store", "consume-queue flush failed: " + r.error().message);
        }
    });
    if (!thorough || !ok) return;
    if (auto r = store_.index_->flush(); r) checkpoint.set_index_msg_timestamp(*r);
    if (const int64_t physic = store_.commit_log_->flushed_store_timestamp(); physic > 0)
        checkpoint.set_physic_msg_timestamp(physic);
    checkpoint.set_logics_msg_timestamp(logics);
    if (auto r = checkpoint.flush(); !r)
        log::error("store", "checkpoint flush failed: " + r.error().message);
}

bool HousekeepingService::is_delete_hour() const {
    const std::time_t t = std::time(nullptr);
    std::tm local{};
    ::localtime_r(&t, &local);
    for (auto item : common::split_nonempty(store_.config_.delete_when, ';')) {
        if (item.find_first_not_of("0123456789") == std::string_view::npos && item.size() <= 2
            && std::stoi(std::string(item)) == local.tm_hour)
            return true;
    }
    return false;
}

bool HousekeepingService::check_disk_space(bool& clean_immediately) {
    const auto& config = store_.config_;
    auto& gate = store_.gate_;
    const double max_ratio = config.disk_max_used_space_ratio / 100.0;
    bool over = false;
    bool full = false;
    clean_immediately = false;
    for (const auto& path : {config.commit_log_path(), config.consume_queue_path()}) {
        const double used = partition_usage(config, path);
        if (used > config.disk_space_warning_level_ratio) {
            full = true;
            clean_immediately = true;
        } else if (used > config.disk_space_clean_forcibly_ratio) {
            clean_immediately = true;
        }
        if (used < 0 || used > max_ratio) over = true;
    }
    // Writes resume on their own once usage is back under the warning level.
    const bool was_full = gate.disk_full.exchange(full);
    if (full && !was_full)
        log::error("store", "disk usage is above diskSpaceWarningLevelRatio: refusing puts");
    else if (!full && was_full)
        log::info("store", "disk usage is back under diskSpaceWarningLevelRatio: accepting puts");
    return over;
}

void HousekeepingService::clean(bool manual) {
    std::lock_guard lock(clean_mutex_);
    if (manual) manual_rounds_ = 20;
    bool clean_immediately = false;
    const bool space_due = check_disk_space(clean_immediately);
    const bool manual_due = manual_rounds_ > 0;
    if (manual_due) --manual_rounds_;
    if (is_delete_hour() || space_due || manual_due)
        delete_expired_commit_log(store_.config_.clean_file_forcibly_enable && clean_immediately);
    trim_queues_and_index();
}

void HousekeepingService::delete_expired_commit_log(bool clean_at_once) {
    const auto& config = store_.config_;
    const auto reserved = std::chrono::hours(config.file_reserved_time_hours);
    const auto now = std::filesystem::file_time_type::clock::now();
    constexpr size_t kMaxFilesPerRound = 10;
    const size_t deleted = store_.commit_log_->files().delete_leading_files(
        [&](const MappedFile& f) {
            if (!clean_at_once && f.last_modified() + reserved > now) return false;
            log::info("store", "deleting expired commit-log file " + f.path().string());
            return true;
        },
        kMaxFilesPerRound);
    (void)deleted;
}

void HousekeepingService::trim_queues_and_index() {
    const int64_t min = store_.commit_log_->min_offset();
    if (min <= last_trimmed_min_) return;
    last_trimmed_min_ = min;
    store_.queues_->for_each([&](ConsumeQueue& q) { q.delete_expired(min); });
    store_.index_->delete_expired(min);
}

}  // namespace rmq::store
