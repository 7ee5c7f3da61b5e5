#pragma once
// GetConsumerListByGroupResponseBody (spec/headers.md §B.13): {"consumerIdList":[…]}.
#include <string>
#include <string_view>
#include <vector>

#include "body/error.hpp"
#include "json/value.hpp"

namespace rmq::body {

struct GetConsumerListByGroupResponseBody {
    std::vector<std::string> consumer_id_list;  // broker's channel-table order; clients sort

    json::Value to_json() const;
    std::string encode() const;
    static Result<GetConsumerListByGroupResponseBody> from_json(const json::Value& value);
    static Result<GetConsumerListByGroupResponseBody> decode(std::string_view text);

    friend bool operator==(const GetConsumerListByGroupResponseBody&,
                           const GetConsumerListByGroupResponseBody&) = default;
};

}  // namespace rmq::body
