#pragma once
// topics.json (spec/store-format.md §7.1): the broker's topic configurations and their
// DataVersion. Plain data: the table does not lock, callers serialize access and bump
// data_version (next_version()) after each change, as TopicConfigManager does.
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "body/topic_config.hpp"
#include "json/value.hpp"
#include "store/metadata/data_version.hpp"
#include "store/metadata/ordered_table.hpp"
#include "store/store_error.hpp"

namespace rmq::store {

// TopicConfig lives in rmq::body (body/topic_config.hpp), shared with the REGISTER_BROKER and
// GET_ALL_TOPIC_CONFIG bodies.
using body::topic_filter_type_name;
using body::TopicConfig;
using body::TopicFilterType;

struct TopicConfigTable {
    static constexpr std::string_view kFileName = "topics.json";

    DataVersion data_version = DataVersion::now();
    OrderedTable<TopicConfig> topics;  // by topic name

    /// Adds or replaces `config` under its topic name (does not touch data_version).
    TopicConfig& put(TopicConfig config);

    /// {"dataVersion":…,"topicConfigTable":{"<topic>":TopicConfig,…}}
    json::Value to_json() const;
    /// An entry without a topicName takes its key as the name.
    static Result<TopicConfigTable> from_json(const json::Value& value);

    /// The file's text (pretty) and back.
    std::string encode() const;
    static Result<TopicConfigTable> decode(std::string_view text);

    /// `config_dir` is <storePathRootDir>/config. load: an empty table (a fresh data version)
    /// when neither the file nor its .bak exists. The built-in topics are the broker's to add.
    static Result<TopicConfigTable> load(const std::filesystem::path& config_dir);
    Result<void> persist(const std::filesystem::path& config_dir) const;

    friend bool operator==(const TopicConfigTable&, const TopicConfigTable&) = default;
};

}  // namespace rmq::store
