#pragma once
// SubscriptionGroupConfig (spec/headers.md §B.11): one consumer group's settings, as the broker
// keeps it in subscriptionGroup.json and sends it in GET_ALL_SUBSCRIPTIONGROUP_CONFIG.
#include <cstdint>
#include <string>
#include <string_view>

#include "body/error.hpp"
#include "json/value.hpp"

namespace rmq::body {

struct SubscriptionGroupConfig {
    std::string group_name;
    bool consume_enable = true;
    bool consume_from_min_enable = true;
    bool consume_broadcast_enable = true;
    int32_t retry_queue_nums = 1;
    int32_t retry_max_times = 16;
    int64_t broker_id = 0;  // MixAll.MASTER_ID
    int64_t which_broker_when_consume_slowly = 1;
    bool notify_consumer_ids_changed_enable = true;

    /// fastjson's bean layout, properties in alphabetical order (brokerId … whichBroker…).
    json::Value to_json() const;
    std::string encode() const;
    /// Lenient: 5.x's extra properties (groupSysFlag, consumeTimeoutMinute,
    /// subscriptionDataSet, attributes, groupRetryPolicy, …) ignored, missing ones defaulted.
    static Result<SubscriptionGroupConfig> from_json(const json::Value& value);
    static Result<SubscriptionGroupConfig> decode(std::string_view text);

    friend bool operator==(const SubscriptionGroupConfig&,
                           const SubscriptionGroupConfig&) = default;
};

}  // namespace rmq::body
