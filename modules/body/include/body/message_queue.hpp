#pragma once
// MessageQueue (spec/headers.md §B.6) and the lock bodies of LOCK_BATCH_MQ / UNLOCK_BATCH_MQ.
#include <compare>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "body/error.hpp"
#include "json/value.hpp"

namespace rmq::body {

struct MessageQueue {
    std::string topic;
    std::string broker_name;
    int32_t queue_id = 0;

    /// {"brokerName":…,"queueId":…,"topic":…}
    json::Value to_json() const;
    /// The compact JSON text, which is also how fastjson writes a MessageQueue map key.
    std::string encode() const;
    static Result<MessageQueue> from_json(const json::Value& value);
    static Result<MessageQueue> decode(std::string_view text);

    /// Java's MessageQueue.hashCode() (Eclipse-generated: 31-based over brokerName, queueId,
    /// topic), which decides a HashMap<MessageQueue, …>'s order.
    int32_t java_hash_code() const;

    /// Identity (topic, brokerName, queueId); natural order topic, then brokerName, then queueId.
    friend bool operator==(const MessageQueue&, const MessageQueue&) = default;
    friend std::strong_ordering operator<=>(const MessageQueue& a, const MessageQueue& b) {
        if (auto c = a.topic <=> b.topic; c != 0) return c;
        if (auto c = a.broker_name <=> b.broker_name; c != 0) return c;
        return a.queue_id <=> b.queue_id;
    }
};

/// LockBatchRequestBody and UnlockBatchRequestBody (same layout).
struct LockBatchRequestBody {
    std::string consumer_group;
    std::string client_id;
    std::vector<MessageQueue> mq_set;  // Java HashSet, sender's order

    /// {"clientId":…,"consumerGroup":…,"mqSet":[…]}
    json::Value to_json() const;
    std::string encode() const;
    static Result<LockBatchRequestBody> from_json(const json::Value& value);
    static Result<LockBatchRequestBody> decode(std::string_view text);

    friend bool operator==(const LockBatchRequestBody&, const LockBatchRequestBody&) = default;
};
using UnlockBatchRequestBody = LockBatchRequestBody;

struct LockBatchResponseBody {
    std::vector<MessageQueue> lock_ok_mq_set;  // Java HashSet, sender's order

    /// {"lockOKMQSet":[…]}
    json::Value to_json() const;
    std::string encode() const;
    static Result<LockBatchResponseBody> from_json(const json::Value& value);
    static Result<LockBatchResponseBody> decode(std::string_view text);

    friend bool operator==(const LockBatchResponseBody&, const LockBatchResponseBody&) = default;
};

}  // namespace rmq::body
