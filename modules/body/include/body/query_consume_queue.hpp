#pragma once
// QueryConsumeQueueResponseBody (QUERY_CONSUME_QUEUE's answer, read by `mqadmin queryCq`): a
// consume queue's index range and its raw entries from an index on.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "body/error.hpp"
#include "body/subscription_data.hpp"
#include "json/value.hpp"

namespace rmq::body {

/// One consume-queue entry; the optional texts describe extended (filter bit-map) entries.
struct ConsumeQueueData {
    int64_t physic_offset = 0;
    int32_t physic_size = 0;
    int64_t tags_code = 0;
    std::optional<std::string> extend_data_json;
    std::optional<std::string> bit_map;
    bool eval = false;
    std::optional<std::string> msg;

    /// {"bitMap"?,"eval","extendDataJson"?,"msg"?,"physicOffset","physicSize","tagsCode"}
    json::Value to_json() const;
    static Result<ConsumeQueueData> from_json(const json::Value& value);
    /// Java's toString: ConsumeQueueData{physicOffset=…, physicSize=…, …, msg='null'}.
    std::string to_string() const;

    friend bool operator==(const ConsumeQueueData&, const ConsumeQueueData&) = default;
};

struct QueryConsumeQueueResponseBody {
    std::optional<SubscriptionData> subscription_data;
    std::optional<std::string> filter_data;
    std::vector<ConsumeQueueData> queue_data;
    int64_t max_queue_index = 0;
    int64_t min_queue_index = 0;

    /// {"filterData"?,"maxQueueIndex","minQueueIndex","queueData":[…],"subscriptionData"?}
    json::Value to_json() const;
    std::string encode() const;
    static Result<QueryConsumeQueueResponseBody> from_json(const json::Value& value);
    static Result<QueryConsumeQueueResponseBody> decode(std::string_view text);
};

}  // namespace rmq::body
