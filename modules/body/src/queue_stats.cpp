#include "body/queue_stats.hpp"

#include "json/coerce.hpp"
#include "json/parse.hpp"
#include "json/write.hpp"
#include "reader.hpp"

namespace rmq::body {

namespace {

template <class V>
json::Value queue_map_to_json(const OrderedMap<MessageQueue, V>& map) {
    json::Value v = json::Value::object();
    for (const auto& [mq, value] : map)
        v.set(mq.encode(), value.to_json(), json::KeyStyle::bare);
    return v;
}

template <class V>
Result<OrderedMap<MessageQueue, V>> queue_map_from_json(const json::Object& object,
                                                        std::string_view what) {
    OrderedMap<MessageQueue, V> map;
    for (const json::Member& m : object) {
        if (m.value.is_null()) continue;
        // The parser keeps an object key as its compact JSON text; a quoted key holding JSON
        // text reads the same way.
        auto key_doc = json::parse(m.key);
        if (!key_doc) return detail::bad_body(std::string(what) + ": key is not a message queue");
        auto mq = MessageQueue::from_json(*key_doc);
        if (!mq) return detail::within(what, mq.error());
        auto value = V::from_json(m.value);
        if (!value) return detail::within(std::string(what) + "[" + m.key + "]", value.error());
        map.insert_or_assign(std::move(*mq), std::move(*value));
    }
    return map;
}

}  // namespace

json::Value OffsetWrapper::to_json() const {
    json::Value v;
    v.set("brokerOffset", broker_offset);
    v.set("consumerOffset", consumer_offset);
    v.set("lastTimestamp", last_timestamp);
    return v;
}

Result<OffsetWrapper> OffsetWrapper::from_json(const json::Value& value) {
    OffsetWrapper o;
    auto read = detail::Reader(value, "offset wrapper")
                    .read("brokerOffset", o.broker_offset)
                    .read("consumerOffset", o.consumer_offset)
                    .read("lastTimestamp", o.last_timestamp)
                    .result();
    if (!read) return read.error();
    return o;
}

json::Value ConsumeStats::to_json() const {
    json::Value v;
    v.set("consumeTps", consume_tps);
    v.set("offsetTable", queue_map_to_json(offset_table));
    return v;
}

std::string ConsumeStats::encode() const {
    return json::write(to_json());
}

Result<ConsumeStats> ConsumeStats::from_json(const json::Value& value) {
    ConsumeStats stats;
    detail::Reader reader(value, "consume stats");
    if (const json::Value* tps = reader.property("consumeTps")) {
        if (const double* d = tps->if_real()) {
            stats.consume_tps = *d;
        } else if (auto i = json::to_int64(*tps)) {
            stats.consume_tps = static_cast<double>(*i);
        } else {
            reader.fail("consume stats: property \"consumeTps\" is not a number");
        }
    }
    if (const json::Object* table = reader.object("offsetTable")) {
        auto map = queue_map_from_json<OffsetWrapper>(*table, "offsetTable");
        if (!map) return map.error();
        stats.offset_table = std::move(*map);
    }
    if (auto r = reader.result(); !r) return r.error();
    return stats;
}

Result<ConsumeStats> ConsumeStats::decode(std::string_view text) {
    return detail::decode_as<ConsumeStats>(text);
}

json::Value TopicOffset::to_json() const {
    json::Value v;
    v.set("lastUpdateTimestamp", last_update_timestamp);
    v.set("maxOffset", max_offset);
    v.set("minOffset", min_offset);
    return v;
}

Result<TopicOffset> TopicOffset::from_json(const json::Value& value) {
    TopicOffset o;
    auto read = detail::Reader(value, "topic offset")
                    .read("lastUpdateTimestamp", o.last_update_timestamp)
                    .read("maxOffset", o.max_offset)
                    .read("minOffset", o.min_offset)
                    .result();
    if (!read) return read.error();
    return o;
}

json::Value TopicStatsTable::to_json() const {
    json::Value v;
    v.set("offsetTable", queue_map_to_json(offset_table));
    return v;
}

std::string TopicStatsTable::encode() const {
    return json::write(to_json());
}

Result<TopicStatsTable> TopicStatsTable::from_json(const json::Value& value) {
    TopicStatsTable t;
    detail::Reader reader(value, "topic stats table");
    if (const json::Object* table = reader.object("offsetTable")) {
        auto map = queue_map_from_json<TopicOffset>(*table, "offsetTable");
        if (!map) return map.error();
        t.offset_table = std::move(*map);
    }
    if (auto r = reader.result(); !r) return r.error();
    return t;
}

Result<TopicStatsTable> TopicStatsTable::decode(std::string_view text) {
    return detail::decode_as<TopicStatsTable>(text);
}

}  // namespace rmq::body
