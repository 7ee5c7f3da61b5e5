#pragma once
// ResetOffsetBody, ResetOffsetBodyForC and GetConsumerStatusBody (spec/headers.md §B.14):
// INVOKE_BROKER_TO_RESET_OFFSET's answer and RESET_CONSUMER_CLIENT_OFFSET's body (Java clients
// get the object-keyed form, C++ clients the list form), and the consumer-status bodies.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "body/error.hpp"
#include "body/message_queue.hpp"
#include "body/ordered_map.hpp"
#include "json/value.hpp"

namespace rmq::body {

/// MessageQueue → offset, a Java HashMap written with object keys.
using QueueOffsetTable = OrderedMap<MessageQueue, int64_t>;

struct ResetOffsetBody {
    QueueOffsetTable offset_table;

    /// {"offsetTable":{MessageQueue:<long>,…}}
    json::Value to_json() const;
    std::string encode() const;
    static Result<ResetOffsetBody> from_json(const json::Value& value);
    static Result<ResetOffsetBody> decode(std::string_view text);

    friend bool operator==(const ResetOffsetBody&, const ResetOffsetBody&) = default;
};

/// MessageQueueForC: a queue and its offset.
struct MessageQueueForC {
    std::string topic;
    std::string broker_name;
    int32_t queue_id = 0;
    int64_t offset = 0;

    /// {"brokerName","offset","queueId","topic"}
    json::Value to_json() const;
    static Result<MessageQueueForC> from_json(const json::Value& value);

    friend bool operator==(const MessageQueueForC&, const MessageQueueForC&) = default;
};

struct ResetOffsetBodyForC {
    std::vector<MessageQueueForC> offset_table;

    /// {"offsetTable":[MessageQueueForC,…]}
    json::Value to_json() const;
    std::string encode() const;
    static Result<ResetOffsetBodyForC> from_json(const json::Value& value);
    static Result<ResetOffsetBodyForC> decode(std::string_view text);

    friend bool operator==(const ResetOffsetBodyForC&, const ResetOffsetBodyForC&) = default;
};

struct GetConsumerStatusBody {
    QueueOffsetTable message_queue_table;
    OrderedMap<std::string, QueueOffsetTable> consumer_table;  // clientId → offsets

    /// {"consumerTable":{"<clientId>":{MessageQueue:<long>,…}},"messageQueueTable":{…}}
    json::Value to_json() const;
    std::string encode() const;
    static Result<GetConsumerStatusBody> from_json(const json::Value& value);
    static Result<GetConsumerStatusBody> decode(std::string_view text);

    friend bool operator==(const GetConsumerStatusBody&, const GetConsumerStatusBody&) = default;
};

}  // namespace rmq::body
