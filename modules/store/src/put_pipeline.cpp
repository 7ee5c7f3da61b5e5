#include "store/put_pipeline.hpp"

#include <chrono>

#include "common/log.hpp"

namespace rmq::store {
namespace {

using Clock = std::chrono::steady_clock;

int64_t now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

/// PUT_OK so far: with a replica waiter (SYNC_MASTER) the slave decides the final status.
/// `replica` waits for a slave when the store is a SYNC_MASTER now.
void acknowledge(const std::shared_ptr<PutRequest>& request, ReplicaWaiter* replica,
                 const WriteGate& gate) {
    if (!replica || !request->wait_for_flush || gate.role != BrokerRole::sync_master) {
        request->complete(PutMessageStatus::put_ok);
        return;
    }
    const int64_t end = request->result.wrote_offset + request->result.wrote_bytes;
    replica->wait_for(end, [request](PutMessageStatus status) { request->complete(status); });
}

}  // namespace

void PutRequest::complete(PutMessageStatus status, std::string remark) {
    if (completed_.exchange(true, std::memory_order_acq_rel)) return;
    result.status = status;
    if (!remark.empty()) result.remark = std::move(remark);
    if (done) done(std::move(result));
}

// ---------------------------------------------------------------------------------------------

FlushService::FlushService(CommitLog& log, const StoreConfig& config, WriteGate& gate,
                           std::function<void()> on_flushed)
    : log_(log), config_(config), gate_(gate), on_flushed_(std::move(on_flushed)) {
}

FlushService::~FlushService() {
    stop();
}

void FlushService::start() {
    thread_ = std::thread([this] { run(); });
}

void FlushService::stop() {
    {
        std::lock_guard lock(mutex_);
        if (stopping_ && !thread_.joinable()) return;
        stopping_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void FlushService::enqueue(std::vector<std::shared_ptr<PutRequest>> requests) {
    {
        std::lock_guard lock(mutex_);
        for (auto& r : requests)
            waiting_.push_back(std::move(r));
    }
    cv_.notify_one();
}

void FlushService::wake() {
    {
        std::lock_guard lock(mutex_);
        woken_ = true;
    }
    cv_.notify_one();
}

void FlushService::expire_overdue(Clock::time_point now) {
    std::vector<std::shared_ptr<PutRequest>> overdue;
    {
        std::lock_guard lock(mutex_);
        for (auto* list : {&waiting_, &in_flight_})
            for (const auto& r : *list)
                if (r->deadline <= now) overdue.push_back(r);
    }
    for (const auto& r : overdue)
        r->complete(PutMessageStatus::flush_disk_timeout,
                    "not flushed within syncFlushTimeout "
                        + std::to_string(config_.sync_flush_timeout_ms) + " ms");
}

void FlushService::run() {
    if (config_.flush_disk_type == FlushDiskType::sync_flush)
        run_group_commit();
    else
        run_periodic();
}

void FlushService::finish(const std::shared_ptr<PutRequest>& request, int64_t flushed,
                          const std::string& error) {
    const int64_t end = request->result.wrote_offset + request->result.wrote_bytes;
    if (flushed >= end && error.empty())
        acknowledge(request, replica_.get(), gate_);
    else
        request->complete(PutMessageStatus::flush_disk_timeout,
                          error.empty() ? "flush did not reach the message" : error);
}

void FlushService::run_group_commit() {
    for (;;) {
        bool stopping;
        {
            std::unique_lock lock(mutex_);
            cv_.wait_for(lock, std::chrono::milliseconds(10),
                         [&] { return stopping_ || woken_ || !waiting_.empty(); });
            in_flight_.swap(waiting_);
            woken_ = false;
            stopping = stopping_;
        }
        std::string error;
        auto flushed = log_.flush(0);
        if (!flushed) {
            error = flushed.error().message;
            gate_.write_error.store(true);
            log::error("store", "commit-log flush failed, refusing writes: " + error);
        }
        const int64_t at = flushed ? *flushed : log_.flushed_offset();
        std::vector<std::shared_ptr<PutRequest>> done;
        {
            std::lock_guard lock(mutex_);
            done.swap(in_flight_);
        }
        if (on_flushed_) on_flushed_();
        for (const auto& r : done)
            finish(r, at, error);
        if (stopping) {
            std::lock_guard lock(mutex_);
            if (waiting_.empty()) return;
        }
    }
}

void FlushService::run_periodic() {
    auto last_thorough = Clock::now();
    for (;;) {
        bool stopping;
        {
            std::unique_lock lock(mutex_);
            cv_.wait_for(lock, std::chrono::milliseconds(config_.flush_interval_commit_log_ms),
                         [&] { return stopping_; });
            stopping = stopping_;
        }
        size_t least_pages = static_cast<size_t>(std::max(0, config_.flush_commit_log_least_pages));
        const auto now = Clock::now();
        if (stopping
            || now - last_thorough
                   >= std::chrono::milliseconds(config_.flush_commit_log_thorough_interval_ms)) {
            least_pages = 0;
            last_thorough = now;
        }
        if (auto flushed = log_.flush(least_pages); !flushed) {
            gate_.write_error.store(true);
            log::error("store",
                       "commit-log flush failed, refusing writes: " + flushed.error().message);
        }
        if (stopping) return;
    }
}

// ---------------------------------------------------------------------------------------------

AppendService::AppendService(CommitLog& log, const StoreConfig& config, WriteGate& gate,
                             FlushService& flush, std::function<void()> on_appended)
    : log_(log), config_(config), gate_(gate), flush_(flush), on_appended_(std::move(on_appended)) {
}

AppendService::~AppendService() {
    stop();
}

void AppendService::start() {
    thread_ = std::thread([this] { run(); });
}

void AppendService::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
    // A submitter that took the fast path before stopping_ was set may still be appending.
    std::lock_guard wait_for_appends(append_mutex_);
}

void AppendService::submit(std::shared_ptr<PutRequest> request) {
    // The fast path saves the two thread hand-offs per put (to the append thread and back) that
    // dominate an unloaded broker's send latency, where a put is acknowledged once appended
    // (ASYNC_FLUSH, no synchronous replica); a put waiting for a flush or a slave gains little.
    // Under load try_lock fails or the queue is not empty, and puts queue up for the append
    // thread's batches as before.
    const bool acknowledged_at_append = config_.flush_disk_type != FlushDiskType::sync_flush
                                        && gate_.role != BrokerRole::sync_master;
    if (acknowledged_at_append) {
        std::unique_lock append(append_mutex_, std::try_to_lock);
        if (append.owns_lock()) {
            bool idle;
            {
                std::lock_guard lock(mutex_);
                idle = queue_.empty() && !stopping_;
            }
            if (idle) {
                std::vector<std::shared_ptr<PutRequest>> single{std::move(request)};
                append_batch(single);
                append.unlock();
                complete_batch(single);
                return;
            }
        }
    }
    {
        std::lock_guard lock(mutex_);
        if (!stopping_) {
            const bool was_empty = queue_.empty();
            queue_.push_back(std::move(request));
            queued_.store(queue_.size(), std::memory_order_relaxed);
            if (was_empty) {
                oldest_queued_ns_.store(Clock::now().time_since_epoch().count(),
                                        std::memory_order_relaxed);
                cv_.notify_one();
            }
            return;
        }
    }
    request->complete(PutMessageStatus::service_not_available, "the store is shutting down");
}

bool AppendService::page_cache_busy(std::chrono::milliseconds limit) const {
    const int64_t started = batch_started_ns_.load(std::memory_order_relaxed);
    if (started == 0) return false;
    const int64_t now = Clock::now().time_since_epoch().count();
    return now - started > std::chrono::nanoseconds(limit).count();
}

std::chrono::milliseconds AppendService::queue_wait() const {
    const int64_t oldest = oldest_queued_ns_.load(std::memory_order_relaxed);
    if (oldest == 0) return std::chrono::milliseconds(0);
    return std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::nanoseconds(Clock::now().time_since_epoch().count() - oldest));
}

void AppendService::run() {
    std::vector<std::shared_ptr<PutRequest>> batch;
    for (;;) {
        {
            std::unique_lock lock(mutex_);
            cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
            if (queue_.empty()) return;  // stopping with nothing left
            batch.swap(queue_);
            oldest_queued_ns_.store(0, std::memory_order_relaxed);
            queued_.store(0, std::memory_order_relaxed);
        }
        {
            std::lock_guard append(append_mutex_);
            append_batch(batch);
        }
        complete_batch(batch);
        batch.clear();
    }
}

Result<void> AppendService::append_replicated(int64_t offset, std::span<const char> bytes) {
    {
        std::lock_guard append(append_mutex_);
        if (auto r = log_.append_replicated(offset, bytes); !r) return r;
    }
    if (on_appended_) on_appended_();
    if (config_.flush_disk_type == FlushDiskType::sync_flush) flush_.wake();
    return {};
}

void AppendService::append_batch(std::vector<std::shared_ptr<PutRequest>>& batch) {
    batch_started_ns_.store(Clock::now().time_since_epoch().count(), std::memory_order_relaxed);
    const bool sync = config_.flush_disk_type == FlushDiskType::sync_flush;
    std::vector<std::shared_ptr<PutRequest>> to_flush;
    bool wake_flush = false;
    for (auto& r : batch) {
        if (!gate_.writable()) {
            r->result.status = PutMessageStatus::service_not_available;
            r->result.remark = gate_.disk_full ? "the disk is full" : "the store is not writable";
            continue;
        }
        // Java stamps each message with the time it took the append lock.
        log_.append(r->put, now_ms(), r->result);
        if (r->result.ok() && sync) {
            if (r->wait_for_flush) {
                r->handed_to_flush = true;
                to_flush.push_back(r);
            } else
                wake_flush = true;
        }
    }
    batch_started_ns_.store(0, std::memory_order_relaxed);
    if (on_appended_) on_appended_();
    if (!to_flush.empty()) flush_.enqueue(std::move(to_flush));
    if (wake_flush) flush_.wake();
}

void AppendService::complete_batch(std::vector<std::shared_ptr<PutRequest>>& batch) {
    const bool sync = config_.flush_disk_type == FlushDiskType::sync_flush;
    for (auto& r : batch) {
        // Not even its result may be read here: the flush thread may be completing it.
        if (r->handed_to_flush) continue;
        if (!r->result.ok())
            r->complete(r->result.status);
        else if (!sync)
            acknowledge(r, replica_.get(), gate_);
        else if (!r->wait_for_flush)
            r->complete(PutMessageStatus::put_ok);
    }
}

}  // namespace rmq::store
