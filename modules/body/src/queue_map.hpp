#pragma once
// Maps keyed by MessageQueue, which fastjson writes with the key as a JSON object:
// {{"brokerName":"b","queueId":0,"topic":"T"}:<value>,…}.
#include <string>
#include <string_view>

#include "body/message_queue.hpp"
#include "body/ordered_map.hpp"
#include "json/coerce.hpp"
#include "json/parse.hpp"
#include "reader.hpp"

namespace rmq::body::detail {

template <class V, class F>
json::Value queue_map_to_json(const OrderedMap<MessageQueue, V>& map, F to_json) {
    json::Value v = json::Value::object();
    for (const auto& [mq, value] : map)
        v.set(mq.encode(), to_json(value), json::KeyStyle::bare);
    return v;
}

/// The parser keeps an object key as its compact JSON text; a quoted key holding JSON text
/// reads the same way. Null values are skipped.
template <class V, class F>
Result<OrderedMap<MessageQueue, V>> queue_map_from_json(const json::Object& object,
                                                        std::string_view what, F from_json) {
    OrderedMap<MessageQueue, V> map;
    for (const json::Member& m : object) {
        if (m.value.is_null()) continue;
        auto key_doc = json::parse(m.key);
        if (!key_doc) return bad_body(std::string(what) + ": key is not a message queue");
        auto mq = MessageQueue::from_json(*key_doc);
        if (!mq) return common::in_context(what, mq.error());
        Result<V> value = from_json(m.value);
        if (!value) return common::in_context(std::string(what) + "[" + m.key + "]", value.error());
        map.insert_or_assign(std::move(*mq), std::move(*value));
    }
    return map;
}

/// A long map value (an offset).
inline Result<int64_t> offset_from_json(const json::Value& value) {
    auto v = json::to_int64(value);
    if (!v) return bad_body("offset is not an integer");
    return *v;
}

}  // namespace rmq::body::detail
