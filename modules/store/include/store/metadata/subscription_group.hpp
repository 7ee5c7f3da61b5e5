#pragma once
// subscriptionGroup.json (spec/store-format.md §7.4): consumer-group settings and their
// DataVersion. Plain data: callers serialize access and bump data_version after each change.
// The built-in groups (TOOLS_CONSUMER, …) are the broker's to add.
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "body/subscription_group_config.hpp"
#include "json/value.hpp"
#include "store/metadata/data_version.hpp"
#include "store/metadata/ordered_table.hpp"
#include "store/store_error.hpp"

namespace rmq::store {

// SubscriptionGroupConfig lives in rmq::body (body/subscription_group_config.hpp), shared
// with the GET_ALL_SUBSCRIPTIONGROUP_CONFIG body.
using body::SubscriptionGroupConfig;

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
