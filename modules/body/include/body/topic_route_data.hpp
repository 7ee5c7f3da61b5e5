#pragma once
// TopicRouteData (spec/headers.md §B.3): the GET_ROUTEINFO_BY_TOPIC response body.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "body/broker_data.hpp"
#include "body/error.hpp"
#include "body/ordered_map.hpp"
#include "body/queue_data.hpp"
#include "json/value.hpp"

namespace rmq::body {

struct TopicRouteData {
    std::optional<std::string> order_topic_conf;  // omitted when null
    std::vector<QueueData> queue_datas;
    std::vector<BrokerData> broker_datas;
    /// HashMap<String /* brokerAddr */, List<String>>; {} in practice.
    OrderedMap<std::string, std::vector<std::string>> filter_server_table;

    /// Default format: broker ids as bare keys, maps in their own order.
    json::Value to_json() const;
    /// `standard_json` (request version ≥ 401 or acceptStandardJsonOnly): the name server's
    /// BrowserCompatible + MapSortField output — every key quoted, map entries sorted by key
    /// (broker ids numerically, addresses as strings), non-ASCII escaped as \uXXXX.
    std::string encode(bool standard_json = false) const;
    static Result<TopicRouteData> from_json(const json::Value& value);
    static Result<TopicRouteData> decode(std::string_view text);

    friend bool operator==(const TopicRouteData&, const TopicRouteData&) = default;
};

}  // namespace rmq::body
