#pragma once
// ConsumerRunningInfo, ProcessQueueInfo, ConsumeStatus (spec/headers.md §B.15): a client's
// answer to GET_CONSUMER_RUNNING_INFO, relayed by the broker to mqadmin.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "body/error.hpp"
#include "body/message_queue.hpp"
#include "body/ordered_map.hpp"
#include "body/subscription_data.hpp"
#include "json/value.hpp"

namespace rmq::body {

struct ProcessQueueInfo {
    int64_t commit_offset = 0;
    int64_t cached_msg_min_offset = 0;
    int64_t cached_msg_max_offset = 0;
    int32_t cached_msg_count = 0;
    int32_t cached_msg_size_in_mib = 0;
    int64_t transaction_msg_min_offset = 0;
    int64_t transaction_msg_max_offset = 0;
    int32_t transaction_msg_count = 0;
    bool locked = false;
    int64_t try_unlock_times = 0;
    int64_t last_lock_timestamp = 0;
    bool droped = false;  // Java's spelling; the Go client's "dropped" is accepted on input
    int64_t last_pull_timestamp = 0;
    int64_t last_consume_timestamp = 0;

    json::Value to_json() const;
    static Result<ProcessQueueInfo> from_json(const json::Value& value);

    friend bool operator==(const ProcessQueueInfo&, const ProcessQueueInfo&) = default;
};

struct ConsumeStatus {
    double pull_rt = 0;
    double pull_tps = 0;
    double consume_rt = 0;
    double consume_ok_tps = 0;
    double consume_failed_tps = 0;
    int64_t consume_failed_msgs = 0;

    /// {"consumeFailedMsgs","consumeFailedTPS","consumeOKTPS","consumeRT","pullRT","pullTPS"}
    json::Value to_json() const;
    static Result<ConsumeStatus> from_json(const json::Value& value);

    friend bool operator==(const ConsumeStatus&, const ConsumeStatus&) = default;
};

struct ConsumerRunningInfo {
    /// java.util.Properties, in the sender's order.
    OrderedMap<std::string, std::string> properties;
    /// Java's TreeSet (ordered by "<topic>@<subString>"), in the sender's order.
    std::vector<SubscriptionData> subscription_set;
    /// Java's TreeMap (MessageQueue's natural order), in the sender's order.
    OrderedMap<MessageQueue, ProcessQueueInfo> mq_table;
    /// Java's TreeMap by topic, in the sender's order.
    OrderedMap<std::string, ConsumeStatus> status_table;
    std::optional<std::string> jstack;  // omitted when null

    /// {"jstack","mqTable":{MessageQueue:ProcessQueueInfo},"properties","statusTable",
    /// "subscriptionSet"}
    json::Value to_json() const;
    std::string encode() const;
    static Result<ConsumerRunningInfo> from_json(const json::Value& value);
    static Result<ConsumerRunningInfo> decode(std::string_view text);

    friend bool operator==(const ConsumerRunningInfo&, const ConsumerRunningInfo&) = default;
};

}  // namespace rmq::body
