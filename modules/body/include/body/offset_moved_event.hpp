#pragma once
// OffsetMovedEvent: the body of the message a master writes to OFFSET_MOVED_EVENT when it
// corrects a consumer's pull offset (spec/behaviours.md §2.6, code 21).
#include <cstdint>
#include <string>
#include <string_view>

#include "body/error.hpp"
#include "body/message_queue.hpp"
#include "json/value.hpp"

namespace rmq::body {

struct OffsetMovedEvent {
    std::string consumer_group;
    MessageQueue message_queue;
    int64_t offset_request = 0;  // the offset the consumer asked for
    int64_t offset_new = 0;      // where the broker told it to continue

    /// {"consumerGroup","messageQueue":MessageQueue,"offsetNew","offsetRequest"}
    json::Value to_json() const;
    std::string encode() const;
    static Result<OffsetMovedEvent> from_json(const json::Value& value);
    static Result<OffsetMovedEvent> decode(std::string_view text);

    friend bool operator==(const OffsetMovedEvent&, const OffsetMovedEvent&) = default;
};

}  // namespace rmq::body
