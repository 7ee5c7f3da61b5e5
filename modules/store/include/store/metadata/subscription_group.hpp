#pragma once
// subscriptionGroup.json (spec/store-format.md §7.4): consumer-group settings and their
// DataVersion. Plain data: callers serialize access and bump data_version after each change.
// The built-in groups (TOOLS_CONSUMER, …) are the broker's to add.
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "json/value.hpp"
#include "store/metadata/data_version.hpp"
#include "store/metadata/ordered_table.hpp"
#include "store/store_error.hpp"

namespace rmq::store {

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
    /// Lenient: 5.x's extra properties (groupSysFlag, consumeTimeoutMinute,
    /// subscriptionDataSet, attributes, groupRetryPolicy, …) ignored, missing ones defaulted.
    static Result<SubscriptionGroupConfig> from_json(const json::Value& value);

    friend bool operator==(const SubscriptionGroupConfig&,
                           const SubscriptionGroupConfig&) = default;
};

struct SubscriptionGroupTable {
    static constexpr std::string_view kFileName = "subscriptionGroup.json";

    DataVersion data_version = DataVersion::now();
    OrderedTable<SubscriptionGroupConfig> groups;  // by group name

    /// Adds or replaces `config` under its group name (does not touch data_version).
    SubscriptionGroupConfig& put(SubscriptionGroupConfig config);

    /// {"dataVersion":…,"subscriptionGroupTable":{"<group>":SubscriptionGroupConfig,…}}
    json::Value to_json() const;
    /// An entry without a groupName takes its key; 5.x's forbiddenTable is ignored.
    static Result<SubscriptionGroupTable> from_json(const json::Value& value);

    std::string encode() const;
    static Result<SubscriptionGroupTable> decode(std::string_view text);

    /// `config_dir` is <storePathRootDir>/config; absent files give an empty table.
    static Result<SubscriptionGroupTable> load(const std::filesystem::path& config_dir);
    Result<void> persist(const std::filesystem::path& config_dir) const;

    friend bool operator==(const SubscriptionGroupTable&, const SubscriptionGroupTable&) = default;
};

}  // namespace rmq::store
