#pragma once
// ClusterInfo (spec/headers.md §B.4): the GET_BROKER_CLUSTER_INFO response body. Always the
// default format (broker ids as bare keys).
#include <string>
#include <string_view>
#include <vector>

#include "body/broker_data.hpp"
#include "body/error.hpp"
#include "body/ordered_map.hpp"
#include "json/value.hpp"

namespace rmq::body {

struct ClusterInfo {
    /// HashMap<String /* brokerName */, BrokerData>
    OrderedMap<std::string, BrokerData> broker_addr_table;
    /// HashMap<String /* clusterName */, Set<String /* brokerName */>>; each set in the
    /// sender's order (a Java HashSet's hash order).
    OrderedMap<std::string, std::vector<std::string>> cluster_addr_table;

    json::Value to_json() const;
    std::string encode() const;
    static Result<ClusterInfo> from_json(const json::Value& value);
    static Result<ClusterInfo> decode(std::string_view text);

    friend bool operator==(const ClusterInfo&, const ClusterInfo&) = default;
};

}  // namespace rmq::body
