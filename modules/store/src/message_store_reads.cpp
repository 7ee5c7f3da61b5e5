// MessageStore reads: pulls, offsets, lookups and queries (DefaultMessageStore's getters).
#include <unistd.h>

#include "common/big_endian.hpp"
#include "store/index_service.hpp"
#include "store/message_store.hpp"

namespace rmq::store {

namespace {

/// "Hot" data: what fits in accessMessageInMemoryMaxRatio percent of RAM.
int64_t memory_window(const StoreConfig& config) {
    static const int64_t total =
        static_cast<int64_t>(::sysconf(_SC_PHYS_PAGES)) * ::sysconf(_SC_PAGESIZE);
    return static_cast<int64_t>(static_cast<double>(total)
                                * (config.access_message_in_memory_max_ratio / 100.0));
}

}  // namespace

std::string_view to_string(GetMessageStatus status) {
    switch (status) {
#define RMQ_X(id, name)        \
    case GetMessageStatus::id: \
        return name;
        RMQ_GET_MESSAGE_STATUSES(RMQ_X)
#undef RMQ_X
    }
    return "UNKNOWN";
}

std::string_view to_string(PutMessageStatus status) {
    switch (status) {
#define RMQ_X(id, name)        \
    case PutMessageStatus::id: \
        return name;
        RMQ_PUT_MESSAGE_STATUSES(RMQ_X)
#undef RMQ_X
    }
    return "UNKNOWN_ERROR";
}

GetMessageResult MessageStore::get_message(std::string_view /*group*/, std::string_view topic,
                                           int32_t queue_id, int64_t offset, int32_t max_msg_nums,
                                           const MessageFilter* filter) const {
    GetMessageResult result;
    // Counts this get whichever way it returns (declared after `result`, so it runs first).
    struct Count {
        StoreStats& stats;
        const GetMessageResult& result;
        std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
        ~Count() {
            stats.record_get(result.messages.size(),
                             std::chrono::duration_cast<std::chrono::milliseconds>(
                                 std::chrono::steady_clock::now() - started));
        }
    } counted{*stats_, result};
    // A slave keeps the consumer's offset unless told to check it (offsetCheckInSlave).
    const auto correct = [&](int64_t old_offset, int64_t new_offset) {
        return role() != BrokerRole::slave || config_.offset_check_in_slave ? new_offset
                                                                            : old_offset;
    };
    result.next_begin_offset = offset;
    auto queue = queues_->find(topic, queue_id);
    if (!queue) {
        // Java creates the queue on this lookup; an empty queue answers the same.
        result.status = GetMessageStatus::no_message_in_queue;
        result.next_begin_offset = correct(offset, 0);
        return result;
    }
    const int64_t max_offset_py = commit_log_->max_offset();
    result.min_offset = queue->min_offset();
    result.max_offset = queue->max_offset();
    if (result.max_offset == 0) {
        result.status = GetMessageStatus::no_message_in_queue;
        result.next_begin_offset = correct(offset, 0);
        return result;
    }
    if (offset < result.min_offset) {
        result.status = GetMessageStatus::offset_too_small;
        result.next_begin_offset = correct(offset, result.min_offset);
        return result;
    }
    if (offset == result.max_offset) {
        result.status = GetMessageStatus::offset_overflow_one;
        result.next_begin_offset = correct(offset, offset);
        return result;
    }
    if (offset > result.max_offset) {
        result.status = GetMessageStatus::offset_overflow_badly;
        result.next_begin_offset =
            correct(offset, result.min_offset == 0 ? result.min_offset : result.max_offset);
        return result;
    }
    const CqUnits units = queue->read_from(offset);
    if (units.empty()) {
        result.status = GetMessageStatus::offset_found_null;
        const int64_t per_file = config_.consume_queue_file_size_rounded() / kCqUnitSize;
        result.next_begin_offset = correct(offset, offset + per_file - offset % per_file);
        return result;
    }

    result.status = GetMessageStatus::no_matched_message;
    const int64_t window = memory_window(config_);
    const size_t max_filtered = static_cast<size_t>(
        std::max<int64_t>(16000, int64_t{max_msg_nums} * kCqUnitSize) / kCqUnitSize);
    int64_t next_file_start = INT64_MIN;
    int64_t max_phy_pulling = 0;
    size_t i = 0;
    for (; i < units.count() && i < max_filtered; ++i) {
        const CqUnit unit = units[i];
        max_phy_pulling = unit.commit_log_offset;
        if (next_file_start != INT64_MIN && unit.commit_log_offset < next_file_start) continue;
        const bool in_disk = max_offset_py - unit.commit_log_offset > window;
        const int64_t count = static_cast<int64_t>(result.messages.size());
        if (result.buffer_total_size != 0 && count != 0) {
            const int64_t max_bytes = in_disk ? config_.max_transfer_bytes_on_message_in_disk
                                              : config_.max_transfer_bytes_on_message_in_memory;
            const int64_t max_count = in_disk ? config_.max_transfer_count_on_message_in_disk
                                              : config_.max_transfer_count_on_message_in_memory;
            if (max_msg_nums <= count || result.buffer_total_size + unit.size > max_bytes
                || count > max_count - 1)
                break;
        }
        if (filter && !filter->matches_tags_code(unit.tags_code)) {
            if (result.buffer_total_size == 0) result.status = GetMessageStatus::no_matched_message;
            continue;
        }
        auto selected = commit_log_->read(unit.commit_log_offset, unit.size);
        if (!selected) {
            if (result.buffer_total_size == 0)
                result.status = GetMessageStatus::message_was_removing;
            next_file_start = commit_log_->roll_next_file(unit.commit_log_offset);
            continue;
        }
        if (filter && !filter->matches_record(selected.bytes)) {
            if (result.buffer_total_size == 0) result.status = GetMessageStatus::no_matched_message;
            continue;
        }
        result.buffer_total_size += unit.size;
        result.messages.push_back(std::move(selected));
        result.queue_offsets.push_back(offset + static_cast<int64_t>(i));
        result.status = GetMessageStatus::found;
        next_file_start = INT64_MIN;
    }
    result.next_begin_offset = offset + static_cast<int64_t>(i);
    result.suggest_pulling_from_slave = max_offset_py - max_phy_pulling > window;
    return result;
}

int64_t MessageStore::max_offset_in_queue(std::string_view topic, int32_t queue_id) const {
    auto q = queues_->find(topic, queue_id);
    return q ? q->max_offset() : 0;
}

int64_t MessageStore::min_offset_in_queue(std::string_view topic, int32_t queue_id) const {
    auto q = queues_->find(topic, queue_id);
    return q ? q->min_offset() : -1;
}

int64_t MessageStore::commit_log_offset_in_queue(std::string_view topic, int32_t queue_id,
                                                 int64_t queue_offset) const {
    auto q = queues_->find(topic, queue_id);
    if (!q) return 0;
    auto unit = q->unit_at(queue_offset);
    return unit ? unit->commit_log_offset : 0;
}

int64_t MessageStore::offset_in_queue_by_time(std::string_view topic, int32_t queue_id,
                                              int64_t timestamp) const {
    auto q = queues_->find(topic, queue_id);
    if (!q) return 0;
    return q->offset_by_time(timestamp, commit_log_->min_offset(),
                             [this](int64_t offset, int32_t size) {
                                 return commit_log_->store_timestamp_at(offset, size);
                             });
}

int64_t MessageStore::message_store_timestamp(std::string_view topic, int32_t queue_id,
                                              int64_t queue_offset) const {
    auto q = queues_->find(topic, queue_id);
    if (!q) return -1;
    auto unit = q->unit_at(queue_offset);
    return unit ? commit_log_->store_timestamp_at(unit->commit_log_offset, unit->size) : -1;
}

int64_t MessageStore::earliest_message_time(std::string_view topic, int32_t queue_id) const {
    auto q = queues_->find(topic, queue_id);
    if (!q) return -1;
    return message_store_timestamp(topic, queue_id, q->min_offset());
}

int64_t MessageStore::earliest_message_time() const {
    const int64_t min = commit_log_->min_offset();
    if (min < 0) return -1;
    auto selected = select_one_message_by_offset(min);
    return selected
               ? commit_log_->store_timestamp_at(min, static_cast<int32_t>(selected.bytes.size()))
               : -1;
}

SelectedBytes MessageStore::select_one_message_by_offset(int64_t commit_log_offset) const {
    auto head = commit_log_->read(commit_log_offset, 4);
    if (!head) return {};
    const int32_t size = load_be<int32_t>(head.bytes.data());
    return select_one_message_by_offset(commit_log_offset, size);
}

SelectedBytes MessageStore::select_one_message_by_offset(int64_t commit_log_offset,
                                                         int32_t size) const {
    if (size < static_cast<int32_t>(message::kMinRecordSize)) return {};
    return commit_log_->read(commit_log_offset, size);
}

QueryMessageResult MessageStore::query_message(std::string_view topic, std::string_view key,
                                               int32_t max_num, int64_t begin, int64_t end) const {
    QueryMessageResult result;
    auto offsets = index_->query(topic, key, max_num, begin, end);
    result.index_last_update_timestamp = offsets.index_last_update_timestamp;
    result.index_last_update_phy_offset = offsets.index_last_update_phy_offset;
    for (int64_t offset : offsets.phy_offsets) {
        auto selected = select_one_message_by_offset(offset);
        if (!selected) continue;
        result.buffer_total_size += static_cast<int64_t>(selected.bytes.size());
        result.messages.push_back(std::move(selected));
    }
    return result;
}

}  // namespace rmq::store
