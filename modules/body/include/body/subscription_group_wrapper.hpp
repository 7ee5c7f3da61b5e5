#pragma once
// SubscriptionGroupWrapper (spec/headers.md §B.11): the GET_ALL_SUBSCRIPTIONGROUP_CONFIG
// response body.
#include <string>
#include <string_view>

#include "body/data_version.hpp"
#include "body/error.hpp"
#include "body/ordered_map.hpp"
#include "body/subscription_group_config.hpp"
#include "json/value.hpp"

namespace rmq::body {

struct SubscriptionGroupWrapper {
    /// Java's ConcurrentHashMap(1024), in the sender's order.
    OrderedMap<std::string, SubscriptionGroupConfig> subscription_group_table;
    DataVersion data_version = DataVersion::now();

    /// {"dataVersion":…,"subscriptionGroupTable":{"<group>":SubscriptionGroupConfig,…}}
    json::Value to_json() const;
    std::string encode() const;
    /// 5.x's forbiddenTable is ignored.
    static Result<SubscriptionGroupWrapper> from_json(const json::Value& value);
    static Result<SubscriptionGroupWrapper> decode(std::string_view text);

    friend bool operator==(const SubscriptionGroupWrapper&,
                           const SubscriptionGroupWrapper&) = default;
};

}  // namespace rmq::body
