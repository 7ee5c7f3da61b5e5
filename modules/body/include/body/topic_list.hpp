#pragma once
// TopicList and GroupList (spec/headers.md §B.9): GET_ALL_TOPIC_LIST_FROM_NAMESERVER,
// GET_TOPICS_BY_CLUSTER, GET_SYSTEM_TOPIC_LIST_*, GET_UNIT_TOPIC_LIST … and
// QUERY_TOPIC_CONSUME_BY_WHO responses.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "body/error.hpp"
#include "json/value.hpp"

namespace rmq::body {

struct TopicList {
    /// Java's HashSet<String>: in the sender's order. A name server builds it from its
    /// HashMap topic table; sort_in_java_hash_order(list, java_hash_map_capacity(n)) gives
    /// that order.
    std::vector<std::string> topic_list;
    std::optional<std::string> broker_addr;  // omitted when null

    /// {"brokerAddr":…,"topicList":[…]}
    json::Value to_json() const;
    std::string encode() const;
    static Result<TopicList> from_json(const json::Value& value);
    static Result<TopicList> decode(std::string_view text);

    friend bool operator==(const TopicList&, const TopicList&) = default;
};

struct GroupList {
    std::vector<std::string> group_list;  // Java HashSet<String>

    /// {"groupList":[…]}
    json::Value to_json() const;
    std::string encode() const;
    static Result<GroupList> from_json(const json::Value& value);
    static Result<GroupList> decode(std::string_view text);

    friend bool operator==(const GroupList&, const GroupList&) = default;
};

}  // namespace rmq::body
