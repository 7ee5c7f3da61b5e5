#pragma once
// TopicConfigSerializeWrapper (spec/headers.md §B.1): a broker's topic table and its version,
// the body of GET_ALL_TOPIC_CONFIG and part of REGISTER_BROKER.
#include <string>
#include <string_view>

#include "body/data_version.hpp"
#include "body/error.hpp"
#include "body/ordered_map.hpp"
#include "body/topic_config.hpp"
#include "json/value.hpp"

namespace rmq::body {

struct TopicConfigSerializeWrapper {
    DataVersion data_version = DataVersion::now();
    /// Java's ConcurrentHashMap(1024): decoding keeps the sender's order; a producer can sort it
    /// with sort_in_java_hash_order(…, java_concurrent_hash_map_capacity(n, 1024)).
    OrderedMap<std::string, TopicConfig> topic_config_table;

    /// {"dataVersion":…,"topicConfigTable":{"<topic>":TopicConfig,…}}
    json::Value to_json() const;
    std::string encode() const;
    /// 5.x's topicQueueMappingInfoMap/…DetailMap/mappingDataVersion are ignored.
    static Result<TopicConfigSerializeWrapper> from_json(const json::Value& value);
    static Result<TopicConfigSerializeWrapper> decode(std::string_view text);

    friend bool operator==(const TopicConfigSerializeWrapper&,
                           const TopicConfigSerializeWrapper&) = default;
};

}  // namespace rmq::body
