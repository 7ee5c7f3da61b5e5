#pragma once
// SubscriptionData (spec/headers.md §B.5): one topic subscription of a consumer group.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "body/error.hpp"
#include "json/value.hpp"

namespace rmq::body {

struct SubscriptionData {
    static constexpr std::string_view kSubAll = "*";

    bool class_filter_mode = false;
    std::string topic;
    std::string sub_string;
    std::vector<std::string> tags_set;    // Java HashSet<String>, in the sender's order
    std::vector<int32_t> code_set;        // Java HashSet<Integer>, in the sender's order
    int64_t sub_version = 0;              // Java: System.currentTimeMillis() at creation
    std::string expression_type = "TAG";  // "TAG" or "SQL92"; C++ clients omit it

    /// {"classFilterMode","codeSet","expressionType","subString","subVersion","tagsSet","topic"}
    /// (filterClassSource is never serialized).
    json::Value to_json() const;
    std::string encode() const;
    /// subVersion may be a string (C++); a missing one is now, as Java's constructor sets it.
    /// Numbers and strings are interchangeable, codeSet elements bound as 32-bit integers.
    static Result<SubscriptionData> from_json(const json::Value& value);
    static Result<SubscriptionData> decode(std::string_view text);

    friend bool operator==(const SubscriptionData&, const SubscriptionData&) = default;
};

}  // namespace rmq::body
