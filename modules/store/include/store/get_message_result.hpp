#pragma once
// What a pull reads from the store (GetMessageResult / GetMessageStatus in RocketMQ): the found
// records as zero-copy views into the mapped commit log, and where the consumer goes next.
#include <cstdint>
#include <string_view>
#include <vector>

#include "store/commit_log.hpp"

namespace rmq::store {

#define RMQ_GET_MESSAGE_STATUSES(X)                     \
    X(found, "FOUND")                                   \
    X(no_matched_message, "NO_MATCHED_MESSAGE")         \
    X(message_was_removing, "MESSAGE_WAS_REMOVING")     \
    X(offset_found_null, "OFFSET_FOUND_NULL")           \
    X(offset_overflow_badly, "OFFSET_OVERFLOW_BADLY")   \
    X(offset_overflow_one, "OFFSET_OVERFLOW_ONE")       \
    X(offset_too_small, "OFFSET_TOO_SMALL")             \
    X(no_matched_logic_queue, "NO_MATCHED_LOGIC_QUEUE") \
    X(no_message_in_queue, "NO_MESSAGE_IN_QUEUE")

enum class GetMessageStatus : uint8_t {
#define RMQ_X(id, name) id,
    RMQ_GET_MESSAGE_STATUSES(RMQ_X)
#undef RMQ_X
};

std::string_view to_string(GetMessageStatus status);

/// A pull's filter: by the consume queue's tags code first, then (SQL92 selectors) by the
/// record's properties.
class MessageFilter {
  public:
    virtual ~MessageFilter() = default;
    virtual bool matches_tags_code(int64_t tags_code) const = 0;
    virtual bool matches_record(std::span<const char> /*record*/) const { return true; }
    /// The same test on a raw properties string, for a message just dispatched.
    virtual bool matches_properties(std::string_view /*raw_properties*/) const { return true; }
};

struct GetMessageResult {
    GetMessageStatus status = GetMessageStatus::no_message_in_queue;
    int64_t next_begin_offset = 0;
    int64_t min_offset = 0;
    int64_t max_offset = 0;
    std::vector<SelectedBytes> messages;  // whole records, in queue order
    std::vector<int64_t> queue_offsets;   // queue offset of each message
    int64_t buffer_total_size = 0;
    bool suggest_pulling_from_slave = false;

    size_t message_count() const { return messages.size(); }
};

/// Records found by an index query (QUERY_MESSAGE).
struct QueryMessageResult {
    std::vector<SelectedBytes> messages;
    int64_t index_last_update_timestamp = 0;
    int64_t index_last_update_phy_offset = 0;
    int64_t buffer_total_size = 0;
};

}  // namespace rmq::store
