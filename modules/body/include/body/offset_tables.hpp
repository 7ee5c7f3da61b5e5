#pragma once
// The offset-table bodies (spec/headers.md §B.12): GET_ALL_CONSUMER_OFFSET
// (ConsumerOffsetSerializeWrapper) and GET_ALL_DELAY_OFFSET (the delay-offset table) responses.
// Integer keys are written bare: {"offsetTable":{"T@G":{0:250,1:249}}}, {"offsetTable":{1:1}}.
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "body/error.hpp"
#include "body/ordered_map.hpp"
#include "json/value.hpp"

namespace rmq::body {

/// Queue id (or delay level) → offset. Java's ConcurrentHashMap<Integer, Long> iterates small
/// non-negative keys in ascending order, the order of this map.
using QueueOffsets = std::map<int32_t, int64_t>;

struct ConsumerOffsetSerializeWrapper {
    /// "<topic>@<group>" → offsets; Java's ConcurrentHashMap(512), in the sender's order.
    OrderedMap<std::string, QueueOffsets> offset_table;

    json::Value to_json() const;
    std::string encode() const;
    /// Keys bare or quoted; a key that is not a 32-bit integer is an error; null values skipped.
    static Result<ConsumerOffsetSerializeWrapper> from_json(const json::Value& value);
    static Result<ConsumerOffsetSerializeWrapper> decode(std::string_view text);

    friend bool operator==(const ConsumerOffsetSerializeWrapper&,
                           const ConsumerOffsetSerializeWrapper&) = default;
};

struct DelayOffsetSerializeWrapper {
    QueueOffsets offset_table;  // delay level → offset

    json::Value to_json() const;
    std::string encode() const;
    static Result<DelayOffsetSerializeWrapper> from_json(const json::Value& value);
    static Result<DelayOffsetSerializeWrapper> decode(std::string_view text);

    friend bool operator==(const DelayOffsetSerializeWrapper&,
                           const DelayOffsetSerializeWrapper&) = default;
};

}  // namespace rmq::body
