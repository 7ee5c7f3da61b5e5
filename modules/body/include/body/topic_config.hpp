#pragma once
// TopicConfig (spec/headers.md §B.1): one topic's queue counts, permission and flags, as the
// broker keeps it in topics.json and sends it in REGISTER_BROKER and GET_ALL_TOPIC_CONFIG.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "body/error.hpp"
#include "json/value.hpp"

namespace rmq::body {

enum class TopicFilterType : uint8_t { single_tag, multi_tag };

/// "SINGLE_TAG" / "MULTI_TAG".
std::string_view topic_filter_type_name(TopicFilterType type);

/// PermName.perm2String: "RW-", "R--", "RWX" (read, write, inherit).
std::string perm_string(int32_t perm);

struct TopicConfig {
    static constexpr int32_t kDefaultQueueNums = 16;
    static constexpr int32_t kDefaultPerm = 6;  // PERM_READ | PERM_WRITE

    std::string topic_name;
    int32_t read_queue_nums = kDefaultQueueNums;
    int32_t write_queue_nums = kDefaultQueueNums;
    int32_t perm = kDefaultPerm;
    TopicFilterType topic_filter_type = TopicFilterType::single_tag;
    int32_t topic_sys_flag = 0;
    bool order = false;

    /// fastjson's bean layout: order, perm, readQueueNums, topicFilterType, topicName,
    /// topicSysFlag, writeQueueNums.
    json::Value to_json() const;
    std::string encode() const;
    /// Lenient: unknown properties (5.x's attributes) ignored, missing ones defaulted; the
    /// filter type may be a name or an ordinal (an unknown one reads as SINGLE_TAG).
    static Result<TopicConfig> from_json(const json::Value& value);
    static Result<TopicConfig> decode(std::string_view text);

    /// Java's TopicConfig.encode(), the compressed REGISTER_BROKER form (§B.2):
    /// "<topicName> <readQueueNums> <writeQueueNums> <perm> <topicFilterType>".
    std::string encode_text() const;
    /// Java's TopicConfig.decode(): five space-separated tokens; sysFlag and order stay 0/false.
    /// nullopt when there are fewer than five tokens or a number does not parse.
    static std::optional<TopicConfig> decode_text(std::string_view text);

    /// Java's toString(), which the broker puts in remarks and mqadmin prints:
    /// "TopicConfig [topicName=…, readQueueNums=…, …, order=false]".
    std::string to_java_string() const;

    friend bool operator==(const TopicConfig&, const TopicConfig&) = default;
};

}  // namespace rmq::body
