#include "store/reput_service.hpp"

#include <charconv>
#include <span>

#include "common/big_endian.hpp"
#include "common/log.hpp"
#include "message/java_hash.hpp"
#include "message/properties.hpp"
#include "message/property_keys.hpp"
#include "proto/flags.hpp"
#include "store/timer_topic.hpp"

namespace rmq::store {

namespace keys = message::prop;

ReputService::ReputService(CommitLog& log, ConsumeQueueTable& queues, StoreCheckpoint& checkpoint,
                           DelayLevels delay_levels, bool follow_flushed)
    : log_(log),
      queues_(queues),
      checkpoint_(checkpoint),
      delay_levels_(std::move(delay_levels)),
      follow_flushed_(follow_flushed) {
}

ReputService::~ReputService() {
    stop();
}

int64_t ReputService::limit() const {
    return follow_flushed_ ? std::min(log_.flushed_offset(), log_.max_offset()) : log_.max_offset();
}

int64_t ReputService::behind_bytes() const {
    return std::max<int64_t>(0, log_.max_offset() - reput_from());
}

DispatchRequest ReputService::make_request(const message::RecordView& record) const {
    DispatchRequest r;
    r.topic = record.topic;
    r.queue_id = record.queue_id;
    r.commit_log_offset = record.commit_log_offset;
    r.msg_size = record.store_size;
    r.store_timestamp = record.store_timestamp;
    r.consume_queue_offset = record.queue_offset;
    r.sys_flag = record.sys_flag;
    r.prepared_transaction_offset = record.prepared_transaction_offset;
    r.properties = record.properties;
    // One pass over the properties for the five this needs (a later duplicate wins, as in Java).
    std::string_view tags, delay, timer_out;
    message::for_each_property(record.properties,
                               [&](std::string_view key, std::string_view value) {
                                   if (key == keys::kKeys)
                                       r.keys = value;
                                   else if (key == keys::kUniqKey)
                                       r.uniq_key = value;
                                   else if (key == keys::kTags)
                                       tags = value;
                                   else if (key == keys::kDelay)
                                       delay = value;
                                   else if (key == keys::kTimerOutMs)
                                       timer_out = value;
                               });
    r.tags_code = message::tags_hash_code(tags);
    if (record.topic == kScheduleTopic) {
        int32_t level = 0;
        auto [p, ec] = std::from_chars(delay.data(), delay.data() + delay.size(), level);
        if (ec == std::errc() && p == delay.data() + delay.size() && level > 0)
            r.tags_code = delay_levels_.deliver_time(level, record.store_timestamp);
    } else if (record.topic == kTimerTopic) {
        int64_t due = 0;
        auto [p, ec] = std::from_chars(timer_out.data(), timer_out.data() + timer_out.size(), due);
        if (ec == std::errc() && p == timer_out.data() + timer_out.size()) r.tags_code = due;
    }
    return r;
}

void ReputService::dispatch(const DispatchRequest& request) {
    const int32_t tran = request.sys_flag & proto::msg_sys_flag::kTransactionMask;
    if (tran == proto::msg_sys_flag::kTransactionNotType
        || tran == proto::msg_sys_flag::kTransactionCommitType) {
        auto queue = queues_.find_or_create(request.topic, request.queue_id);
        if (!queue) {
            log::error("store", "cannot open consume queue: " + queue.error().message);
        } else if (auto r = (*queue)->put(
                       {request.commit_log_offset, request.msg_size, request.tags_code},
                       request.consume_queue_offset);
                   !r) {
            log::error("store", "cannot write consume queue: " + r.error().message);
        } else {
            checkpoint_.set_logics_msg_timestamp(request.store_timestamp);
        }
    }
    for (const auto& d : dispatchers_)
        d(request);
}

namespace {

/// Fewer bytes than the record that begins them declares (its TOTALSIZE).
bool incomplete_record(std::span<const char> rest) {
    if (rest.size() < sizeof(int32_t)) return true;
    const int32_t total = load_be<int32_t>(rest.data());
    return total > 0 && static_cast<size_t>(total) > rest.size();
}

}  // namespace

void ReputService::dispatch_available() {
    for (;;) {
        const int64_t end = limit();
        int64_t from = reput_from();
        if (from >= end) return;
        auto selected = log_.read_from(from);
        if (!selected) {
            // Nothing readable here although the log goes on: the offset sits at the end of a
            // file (or before the first one).
            const int64_t min = log_.min_offset();
            if (min >= 0 && from < min) {
                set_reput_from(min);
                continue;
            }
            const int64_t next = log_.roll_next_file(from);
            if (next <= from || next > end) return;
            set_reput_from(next);
            continue;
        }
        auto bytes = selected.bytes.first(static_cast<size_t>(
            std::min<int64_t>(static_cast<int64_t>(selected.bytes.size()), end - from)));
        const bool ends_at_limit = from + static_cast<int64_t>(bytes.size()) == end;
        size_t pos = 0;
        bool next_file = false;
        while (pos < bytes.size()) {
            if (ends_at_limit && incomplete_record(bytes.subspan(pos))) {
                // A slave receives the master's bytes in chunks that may end inside a record:
                // the rest comes with the next chunk, and this pass stops where the record
                // begins (a master's limit always falls between records).
                set_reput_from(from + static_cast<int64_t>(pos));
                return;
            }
            auto record = message::decode_record_view(bytes.subspan(pos));
            if (record.is_blank()) {
                next_file = true;
                break;
            }
            if (record.is_error()) {
                // Cannot happen below the published end unless the file was damaged under us:
                // skip the rest of this file rather than stall every consumer.
                log::error("store", "undecodable record at commit-log offset "
                                        + std::to_string(from + static_cast<int64_t>(pos)) + ": "
                                        + record.error().message + "; skipping to the next file");
                next_file = true;
                break;
            }
            auto request = make_request(record.record());
            // Where the record is, not what its bytes claim (they are only checked by recovery).
            request.commit_log_offset = from + static_cast<int64_t>(pos);
            dispatch(request);
            pos += static_cast<size_t>(record.size());
        }
        set_reput_from(next_file ? log_.roll_next_file(from + static_cast<int64_t>(pos))
                                 : from + static_cast<int64_t>(pos));
    }
}

void ReputService::start() {
    thread_ = std::thread([this] { run(); });
}

void ReputService::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void ReputService::wake() {
    {
        std::lock_guard lock(mutex_);
        woken_ = true;
    }
    cv_.notify_one();
}

void ReputService::run() {
    for (;;) {
        {
            std::unique_lock lock(mutex_);
            // No timeout: whatever moves limit() (an append, or a flush under SYNC_FLUSH) calls
            // wake() after publishing the new offset, and woken_ is cleared before limit() is
            // read, so a move is either seen by this pass or leaves woken_ set for the next.
            cv_.wait(lock, [&] { return stopping_ || woken_; });
            if (stopping_) break;
            woken_ = false;
        }
        dispatch_available();
        notify_passed();
    }
    dispatch_available();  // what was appended before stop
    notify_passed();
}

void ReputService::notify_passed() {
    // Nothing on the dispatch path unless a promotion waits (waiters_ is raised before its
    // check, so it either sees this pass's progress or is seen here).
    if (waiters_.load() == 0) return;
    // Through the mutex: a waiter between its check and its wait cannot miss this.
    { std::lock_guard lock(mutex_); }
    passed_.notify_all();
}

bool ReputService::wait_caught_up(std::chrono::milliseconds limit) {
    ++waiters_;
    std::unique_lock lock(mutex_);
    const bool caught_up =
        passed_.wait_for(lock, limit, [&] { return stopping_ || behind_bytes() <= 0; });
    --waiters_;
    return caught_up;
}

}  // namespace rmq::store
