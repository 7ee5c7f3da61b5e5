#pragma once
// ConsumeStats / OffsetWrapper (spec/headers.md §B.7, GET_CONSUME_STATS) and TopicStatsTable /
// TopicOffset (§B.8, GET_TOPIC_STATS_INFO). Their offsetTable maps have MessageQueue keys,
// which fastjson writes as JSON objects: {{"brokerName":…,"queueId":0,"topic":…}:{…}}.
#include <cstdint>
#include <string>
#include <string_view>

#include "body/error.hpp"
#include "body/message_queue.hpp"
#include "body/ordered_map.hpp"
#include "json/value.hpp"

namespace rmq::body {

struct OffsetWrapper {
    int64_t broker_offset = 0;
    int64_t consumer_offset = 0;
    int64_t last_timestamp = 0;

    /// {"brokerOffset","consumerOffset","lastTimestamp"}
    json::Value to_json() const;
    static Result<OffsetWrapper> from_json(const json::Value& value);

    friend bool operator==(const OffsetWrapper&, const OffsetWrapper&) = default;
};

struct ConsumeStats {
    /// Java's HashMap<MessageQueue, OffsetWrapper>, in the sender's order; Java's own order is
    /// sort_in_java_hash_order(offset_table, java_hash_map_capacity(n)).
    OrderedMap<MessageQueue, OffsetWrapper> offset_table;
    double consume_tps = 0;

    /// {"consumeTps":<double>,"offsetTable":{MessageQueue:OffsetWrapper,…}}
    json::Value to_json() const;
    std::string encode() const;
    /// Keys are MessageQueue objects (or their JSON text in a quoted key).
    static Result<ConsumeStats> from_json(const json::Value& value);
    static Result<ConsumeStats> decode(std::string_view text);

    friend bool operator==(const ConsumeStats&, const ConsumeStats&) = default;
};

struct TopicOffset {
    int64_t min_offset = 0;
    int64_t max_offset = 0;
    int64_t last_update_timestamp = 0;

    /// {"lastUpdateTimestamp","maxOffset","minOffset"}
    json::Value to_json() const;
    static Result<TopicOffset> from_json(const json::Value& value);

    friend bool operator==(const TopicOffset&, const TopicOffset&) = default;
};

struct TopicStatsTable {
    OrderedMap<MessageQueue, TopicOffset> offset_table;  // Java HashMap, sender's order

    /// {"offsetTable":{MessageQueue:TopicOffset,…}}
    json::Value to_json() const;
    std::string encode() const;
    static Result<TopicStatsTable> from_json(const json::Value& value);
    static Result<TopicStatsTable> decode(std::string_view text);

    friend bool operator==(const TopicStatsTable&, const TopicStatsTable&) = default;
};

/// Stable-sorts a MessageQueue-keyed map into a Java HashMap's bucket order for `capacity`.
template <class V>
void sort_in_java_hash_order(OrderedMap<MessageQueue, V>& map, size_t capacity);

}  // namespace rmq::body

#include "body/java_hash_order.hpp"

template <class V>
void rmq::body::sort_in_java_hash_order(OrderedMap<MessageQueue, V>& map, size_t capacity) {
    map.sort([capacity](const auto& a, const auto& b) {
        return java_hash_bucket(a.first.java_hash_code(), capacity)
               < java_hash_bucket(b.first.java_hash_code(), capacity);
    });
}
