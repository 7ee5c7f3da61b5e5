#pragma once
// ConsumeStatsList (GET_BROKER_CONSUME_STATS, spec/headers.md): every subscription group's
// ConsumeStats per topic on one broker, and the broker's total backlog.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "body/error.hpp"
#include "body/ordered_map.hpp"
#include "body/queue_stats.hpp"
#include "json/value.hpp"

namespace rmq::body {

struct ConsumeStatsList {
    std::string broker_addr;
    /// Java's List<Map<group, List<ConsumeStats>>>: one single-entry map per group.
    std::vector<OrderedMap<std::string, std::vector<ConsumeStats>>> consume_stats_list;
    int64_t total_diff = 0;

    /// {"brokerAddr","consumeStatsList":[{"<group>":[ConsumeStats,…]},…],"totalDiff"}
    json::Value to_json() const;
    std::string encode() const;
    static Result<ConsumeStatsList> from_json(const json::Value& value);
    static Result<ConsumeStatsList> decode(std::string_view text);

    friend bool operator==(const ConsumeStatsList&, const ConsumeStatsList&) = default;
};

}  // namespace rmq::body
