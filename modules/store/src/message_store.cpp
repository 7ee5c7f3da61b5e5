#include "store/message_store.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <future>

#include "common/log.hpp"
#include "housekeeping_service.hpp"
#include "message/property_keys.hpp"
#include "proto/flags.hpp"
#include "put_encoder.hpp"
#include "recovery.hpp"
#include "store/index_service.hpp"

namespace rmq::store {

namespace {

using Clock = std::chrono::steady_clock;

PutMessageResult rejected(PutMessageStatus status, std::string remark) {
    PutMessageResult r;
    r.status = status;
    r.remark = std::move(remark);
    return r;
}

}  // namespace

MessageStore::MessageStore(StoreConfig config) : config_(std::move(config)) {
    gate_.role = config_.broker_role;
}

MessageStore::~MessageStore() {
    shutdown();
}

Result<std::unique_ptr<MessageStore>> MessageStore::open(StoreConfig config) {
    if (config.root_dir.empty()) return common::Error{errc::io_error, "storePathRootDir is empty"};
    if (config.commit_log_path().string().find(';') != std::string::npos)
        return common::Error{errc::io_error,
                          "storePathCommitLog \"" + config.commit_log_path().string()
                              + "\" lists several directories; multi-path commit logs are not "
                                "supported, give one directory"};
    if (config.commit_log_file_size < 4096)
        return common::Error{errc::io_error, "mappedFileSizeCommitLog "
                                                 + std::to_string(config.commit_log_file_size)
                                                 + " is below 4096"};
    if (config.consume_queue_file_size < kCqUnitSize)
        return common::Error{errc::io_error, "mappedFileSizeConsumeQueue is below 20"};
    auto levels = DelayLevels::parse(config.message_delay_level);
    if (!levels)
        return common::Error{errc::io_error, "messageDelayLevel \"" + config.message_delay_level
                                                 + "\" is not a list like \"1s 5s 10s 1m 1h 1d\""};
    std::unique_ptr<MessageStore> store(new MessageStore(std::move(config)));
    store->delay_levels_ = *levels;
    if (auto r = store->load_and_recover(); !r) return r.error();
    return store;
}

Result<void> MessageStore::load_and_recover() {
    const auto started = Clock::now();
    if (auto r = ensure_directory(config_.root_dir); !r) return r;
    auto lock = StoreLock::acquire(config_.lock_path());
    if (!lock) return lock.error();
    lock_ = std::move(*lock);

    recovery_.last_exit_ok = !std::filesystem::exists(config_.abort_path());
    commit_log_ = std::make_unique<CommitLog>(config_);
    if (auto r = commit_log_->load(); !r) return r;
    queues_ = std::make_unique<ConsumeQueueTable>(config_.consume_queue_path(),
                                                  config_.consume_queue_file_size_rounded());
    if (auto r = queues_->load(); !r) return r;
    auto checkpoint = StoreCheckpoint::open(config_.checkpoint_path());
    if (!checkpoint) return checkpoint.error();
    checkpoint_ = std::move(*checkpoint);
    index_ = std::make_unique<IndexService>(config_.index_path(), config_);
    if (auto r = index_->load(recovery_.last_exit_ok, checkpoint_->index_msg_timestamp()); !r)
        return r;

    // Consume queues first: the commit-log recovery compares against what they hold.
    Result<void> failed;
    queues_->for_each([&](ConsumeQueue& q) {
        if (auto r = q.recover(); !r && failed) failed = r;
    });
    if (!failed) return failed;
    if (auto r = recover_commit_log(recovery_.last_exit_ok); !r) return r;
    rebuild_queue_offsets();
    recovery_.took = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started);
    return {};
}

Result<void> MessageStore::recover_commit_log(bool last_exit_ok) {
    if (commit_log_->files().empty()) {
        // No commit log: nothing the queues point at exists.
        queues_->clear();
        recovery_.commit_log_end = 0;
        return {};
    }
    const size_t start = recovery_start_file(*commit_log_, last_exit_ok, *checkpoint_, config_);
    recovery_.scan_start = commit_log_->files().files()[start]->file_from_offset();
    // Every queue a scanned record belongs to must already hold it; a queue that does not (its
    // files were lost or cut short) is caught up by dispatching from that record on. Java only
    // does this after a crash; doing it always costs a lookup per scanned record.
    int64_t lagging_from = INT64_MAX;
    const int64_t end = scan_commit_log(
        *commit_log_, start, config_.check_crc_on_recover, [&](const message::RecordView& r) {
            if (lagging_from != INT64_MAX) return;
            const int32_t tran = r.sys_flag & proto::msg_sys_flag::kTransactionMask;
            if (tran != proto::msg_sys_flag::kTransactionNotType
                && tran != proto::msg_sys_flag::kTransactionCommitType)
                return;
            auto q = queues_->find(r.topic, r.queue_id);
            if (!q || q->max_physic_offset() < r.commit_log_offset + r.store_size)
                lagging_from = r.commit_log_offset;
        });
    recovery_.commit_log_end = end;
    if (auto r = commit_log_->set_end(end); !r) return r;

    int64_t max_queue_physic = -1;
    queues_->for_each([&](ConsumeQueue& q) {
        max_queue_physic = std::max(max_queue_physic, q.max_physic_offset());
    });
    if (max_queue_physic >= end) {
        Result<void> failed;
        queues_->for_each([&](ConsumeQueue& q) {
            if (auto r = q.truncate_dirty(end); !r && failed) failed = r;
        });
        if (!failed) return failed;
        max_queue_physic = -1;
        queues_->for_each([&](ConsumeQueue& q) {
            max_queue_physic = std::max(max_queue_physic, q.max_physic_offset());
        });
    }
    const int64_t min = std::max<int64_t>(commit_log_->min_offset(), 0);
    int64_t from = last_exit_ok ? std::max(max_queue_physic, min) : recovery_.scan_start;
    from = std::min(from, lagging_from);
    if (queues_->damaged() > 0) from = min;  // a queue moved aside is rebuilt from the start
    recovery_.rebuilt_queues = queues_->damaged();
    recovery_.dispatch_from = std::max(from, min);
    if (lagging_from != INT64_MAX)
        log::warn("store", "consume queues lag the commit log from offset "
                               + std::to_string(lagging_from) + "; rebuilding them from there");
    if (!last_exit_ok)
        log::warn("store", "last shutdown was abnormal; recovered the commit log to "
                               + std::to_string(end) + ", re-dispatching from "
                               + std::to_string(recovery_.dispatch_from));
    return {};
}

void MessageStore::rebuild_queue_offsets() {
    adopt_queue_offsets();
    const int64_t min = commit_log_->min_offset();
    queues_->for_each([&](ConsumeQueue& q) { q.correct_min_offset(min); });
}

void MessageStore::adopt_queue_offsets() {
    auto& table = commit_log_->queue_offsets();
    table.clear();
    queues_->for_each([&](ConsumeQueue& q) {
        table[q.topic() + "-" + std::to_string(q.queue_id())] = q.max_offset();
    });
}

void MessageStore::set_role(BrokerRole role) {
    if (started_ && gate_.role == BrokerRole::slave && role != BrokerRole::slave) {
        if (!reput_->wait_caught_up(std::chrono::seconds(30)))
            log::warn("store", "promoted before the dispatcher caught up: "
                                   + std::to_string(reput_->behind_bytes()) + " bytes behind");
        // Puts are refused until the role changes below, so nothing reads the table meanwhile.
        adopt_queue_offsets();
    }
    gate_.role = role;
}

void MessageStore::set_term_deadline(std::chrono::steady_clock::time_point deadline) {
    gate_.term_deadline_ns = deadline.time_since_epoch().count();
}

Result<void> MessageStore::truncate_before_start(int64_t offset) {
    if (started_) return common::Error{errc::not_writable, "the store has started"};
    if (commit_log_->files().empty() || offset >= commit_log_->max_offset()) return {};
    const int64_t end = std::max(offset, commit_log_->min_offset());
    log::warn("store", "truncating the commit log from " + std::to_string(commit_log_->max_offset())
                           + " to " + std::to_string(end));
    if (auto r = commit_log_->set_end(end); !r) return r;
    Result<void> failed;
    queues_->for_each([&](ConsumeQueue& q) {
        if (auto r = q.truncate_dirty(end); !r && failed) failed = r;
    });
    if (!failed) return failed;
    recovery_.commit_log_end = end;
    recovery_.dispatch_from = std::min(recovery_.dispatch_from, end);
    return {};
}

Result<void> MessageStore::start() {
    if (started_.exchange(true)) return {};
    reput_ = std::make_unique<ReputService>(*commit_log_, *queues_, *checkpoint_, delay_levels_,
                                            config_.flush_disk_type == FlushDiskType::sync_flush);
    if (config_.message_index_enable)
        reput_->add_dispatcher([this](const DispatchRequest& r) { index_->build_index(r); });
    for (auto& listener : pending_listeners_)
        reput_->add_dispatcher(std::move(listener));
    pending_listeners_.clear();
    reput_->set_reput_from(recovery_.dispatch_from);
    reput_->dispatch_available();
    rebuild_queue_offsets();

    flush_ =
        std::make_unique<FlushService>(*commit_log_, config_, gate_, [this] { reput_->wake(); });
    const bool sync = config_.flush_disk_type == FlushDiskType::sync_flush;
    append_ = std::make_unique<AppendService>(*commit_log_, config_, gate_, *flush_, [this, sync] {
        if (!sync) reput_->wake();
        std::lock_guard lock(append_listeners_mutex_);
        for (const auto& listener : append_listeners_)
            listener();
    });
    // Consulted only while the role is SYNC_MASTER, which a promoted slave may become.
    if (replica_waiter_) {
        flush_->set_replica_waiter(replica_waiter_);
        append_->set_replica_waiter(replica_waiter_);
    }
    housekeeping_ = std::make_unique<HousekeepingService>(*this);

    // The abort marker exists exactly while the store may hold undispatched or unflushed data.
    const int fd = ::open(config_.abort_path().c_str(), O_CREAT | O_WRONLY | O_CLOEXEC, 0644);
    if (fd < 0) return io_error_from_errno(config_.abort_path(), "cannot create");
    ::fsync(fd);
    ::close(fd);

    reput_->start();
    flush_->start();
    append_->start();
    housekeeping_->start();
    return {};
}

void MessageStore::shutdown() {
    if (shut_down_.exchange(true)) return;
    gate_.shutting_down.store(true);
    if (started_) {
        if (housekeeping_) housekeeping_->stop();
        append_->stop();  // appends what was queued (refused: the gate is closed), then exits
        flush_->stop();   // flushes everything
        reput_->stop();   // dispatches the rest
    }
    bool clean = true;
    if (commit_log_) {
        if (auto r = commit_log_->flush(0); !r) {
            clean = false;
            log::error("store", "final commit-log flush failed: " + r.error().message);
        }
        if (reput_ && reput_->behind_bytes() > 0) clean = false;
    }
    if (queues_) {
        const int64_t logics = checkpoint_ ? checkpoint_->logics_msg_timestamp() : 0;
        queues_->for_each([&](ConsumeQueue& q) {
            if (auto r = q.flush(0); !r) clean = false;
        });
        if (checkpoint_) checkpoint_->set_logics_msg_timestamp(logics);
    }
    if (index_) {
        if (auto r = index_->flush(); r && checkpoint_) checkpoint_->set_index_msg_timestamp(*r);
    }
    if (checkpoint_ && commit_log_) {
        if (commit_log_->flushed_store_timestamp() > 0)
            checkpoint_->set_physic_msg_timestamp(commit_log_->flushed_store_timestamp());
        if (auto r = checkpoint_->flush(); !r) clean = false;
    }
    if (started_ && clean && !gate_.write_error.load()) {
        std::error_code ec;
        std::filesystem::remove(config_.abort_path(), ec);
    }
}

// ---- writes ---------------------------------------------------------------------------------

std::optional<PutMessageResult> MessageStore::check_store_status() const {
    if (!started_ || gate_.shutting_down)
        return rejected(PutMessageStatus::service_not_available, "the store is not running");
    if (role() == BrokerRole::slave)
        return rejected(PutMessageStatus::service_not_available,
                        "a slave store does not accept puts");
    if (gate_.disk_full)
        return rejected(PutMessageStatus::service_not_available,
                        "the disk is full (usage above diskSpaceWarningLevelRatio)");
    if (gate_.write_error)
        return rejected(PutMessageStatus::service_not_available,
                        "the store stopped accepting writes after an I/O error");
    if (gate_.term_over())
        return rejected(PutMessageStatus::service_not_available,
                        "this broker's term as master is over (its failover lease expired)");
    if (page_cache_busy())
        return rejected(PutMessageStatus::os_pagecache_busy, "[PC_SYNCHRONIZED]broker busy");
    return std::nullopt;
}

bool MessageStore::page_cache_busy() const {
    return append_
           && append_->page_cache_busy(
               std::chrono::milliseconds(config_.os_page_cache_busy_timeout_ms));
}

std::chrono::milliseconds MessageStore::put_queue_wait() const {
    return append_ ? append_->queue_wait() : std::chrono::milliseconds(0);
}

size_t MessageStore::queued_puts() const {
    return append_ ? append_->queued() : 0;
}

void MessageStore::submit(std::shared_ptr<PutRequest> request, PutCallback done) {
    // Counted on completion: the put's latency includes the group commit and any replica wait.
    request->done = [stats = stats_.get(), gate = &gate_, started = Clock::now(),
                     done = std::move(done)](PutMessageResult result) {
        // A put completed after the term ended is not acknowledged: a new master may already
        // be taking puts, and this one's log past its term is dropped when it rejoins.
        if (result.stored() && gate->term_over()) {
            result.status = PutMessageStatus::service_not_available;
            result.remark = "this broker's term as master ended before the put completed";
        }
        stats->record_put(
            result.stored(), result.msg_num, result.wrote_bytes,
            std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started));
        done(std::move(result));
    };
    request->deadline = Clock::now() + std::chrono::milliseconds(config_.sync_flush_timeout_ms);
    append_->submit(std::move(request));
}

void MessageStore::put(message::MessageExt msg, PutCallback done) {
    put(std::move(msg), PutOptions{}, std::move(done));
}

void MessageStore::put(message::MessageExt msg, PutOptions options, PutCallback done) {
    if (auto status = check_store_status()) return done(std::move(*status));
    const bool wait = options.wait_for_flush && msg.properties.get(message::prop::kWait) != "false";
    auto encoded = encode_put(msg, config_, options.reroute_delayed ? &delay_levels_ : nullptr);
    if (!encoded) return done(rejected(encoded.error().status, std::move(encoded.error().remark)));
    auto request = std::make_shared<PutRequest>();
    request->put = std::move(*encoded);
    request->wait_for_flush = wait;
    submit(std::move(request), std::move(done));
}

void MessageStore::put_batch(std::vector<message::MessageExt> batch, PutCallback done) {
    if (auto status = check_store_status()) return done(std::move(*status));
    const bool wait =
        batch.empty() || batch.front().properties.get(message::prop::kWait) != "false";
    auto encoded = encode_batch_put(batch, config_);
    if (!encoded) return done(rejected(encoded.error().status, std::move(encoded.error().remark)));
    auto request = std::make_shared<PutRequest>();
    request->put = std::move(*encoded);
    request->wait_for_flush = wait;
    submit(std::move(request), std::move(done));
}

namespace {

/// Resumes the awaiting coroutine on its own executor with the store's result.
template <class Start>
boost::asio::awaitable<PutMessageResult> await_put(Start start) {
    return boost::asio::async_initiate<const boost::asio::use_awaitable_t<>,
                                       void(PutMessageResult)>(
        [start = std::move(start)](auto handler) mutable {
            auto shared = std::make_shared<decltype(handler)>(std::move(handler));
            start([shared](PutMessageResult result) {
                auto executor = boost::asio::get_associated_executor(*shared);
                boost::asio::post(executor, [shared, result = std::move(result)]() mutable {
                    (*shared)(std::move(result));
                });
            });
        },
        boost::asio::use_awaitable);
}

template <class Start>
PutMessageResult wait_put(Start start) {
    auto promise = std::make_shared<std::promise<PutMessageResult>>();
    auto future = promise->get_future();
    start([promise](PutMessageResult r) { promise->set_value(std::move(r)); });
    return future.get();
}

}  // namespace

boost::asio::awaitable<PutMessageResult> MessageStore::put(message::MessageExt msg) {
    return await_put([this, msg = std::move(msg)](PutCallback done) mutable {
        put(std::move(msg), std::move(done));
    });
}

boost::asio::awaitable<PutMessageResult> MessageStore::put(message::MessageExt msg,
                                                           PutOptions options) {
    return await_put([this, msg = std::move(msg), options](PutCallback done) mutable {
        put(std::move(msg), options, std::move(done));
    });
}

boost::asio::awaitable<PutMessageResult> MessageStore::put_batch(
    std::vector<message::MessageExt> batch) {
    return await_put([this, batch = std::move(batch)](PutCallback done) mutable {
        put_batch(std::move(batch), std::move(done));
    });
}

PutMessageResult MessageStore::put_sync(message::MessageExt msg) {
    return wait_put([&](PutCallback done) { put(std::move(msg), std::move(done)); });
}

PutMessageResult MessageStore::put_batch_sync(std::vector<message::MessageExt> batch) {
    return wait_put([&](PutCallback done) { put_batch(std::move(batch), std::move(done)); });
}

Result<void> MessageStore::append_replicated(int64_t offset, std::span<const char> bytes) {
    if (!started_ || gate_.shutting_down)
        return common::Error{errc::not_writable, "the store is not running"};
    if (gate_.write_error)
        return common::Error{errc::not_writable,
                             "the store stopped accepting writes after an I/O error"};
    return append_->append_replicated(offset, bytes);
}

// ---- hooks ----------------------------------------------------------------------------------

void MessageStore::add_arrival_listener(Dispatcher listener) {
    pending_listeners_.push_back(std::move(listener));
}

void MessageStore::add_append_listener(std::function<void()> listener) {
    std::lock_guard lock(append_listeners_mutex_);
    append_listeners_.push_back(std::move(listener));
}

void MessageStore::set_replica_waiter(std::shared_ptr<ReplicaWaiter> waiter) {
    replica_waiter_ = std::move(waiter);
}

void MessageStore::clean_now(bool manual) {
    if (housekeeping_) housekeeping_->clean(manual);
}

void MessageStore::delete_topic(std::string_view topic) {
    queues_->erase_topic(topic);
    // The offset table belongs to the append thread; an entry left behind only matters if the
    // topic comes back, and then its queues start where the old ones ended, like Java's.
}

}  // namespace rmq::store
