#pragma once
// KVTable (spec/headers.md §B.9): {"table":{"<key>":"<value>",…}}, the GET_KVLIST_BY_NAMESPACE
// response and GET_NAMESRV/BROKER config-style key-value bodies.
#include <string>
#include <string_view>

#include "body/error.hpp"
#include "body/ordered_map.hpp"
#include "json/value.hpp"

namespace rmq::body {

struct KVTable {
    OrderedMap<std::string, std::string> table;  // Java HashMap<String, String>

    json::Value to_json() const;
    std::string encode() const;
    /// Values bound as strings (a number becomes its text); null values skipped.
    static Result<KVTable> from_json(const json::Value& value);
    static Result<KVTable> decode(std::string_view text);

    friend bool operator==(const KVTable&, const KVTable&) = default;
};

}  // namespace rmq::body
