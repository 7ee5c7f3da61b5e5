#include "body/queue_stats.hpp"

#include "json/coerce.hpp"
#include "json/parse.hpp"
#include "json/write.hpp"
#include "queue_map.hpp"
#include "reader.hpp"

namespace rmq::body {

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
    v.set("offsetTable",
          detail::queue_map_to_json(offset_table, [](const auto& o) { return o.to_json(); }));
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
        auto map = detail::queue_map_from_json<OffsetWrapper>(*table, "offsetTable",
                                                              OffsetWrapper::from_json);
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
    v.set("offsetTable",
          detail::queue_map_to_json(offset_table, [](const auto& o) { return o.to_json(); }));
    return v;
}

std::string TopicStatsTable::encode() const {
    return json::write(to_json());
}

Result<TopicStatsTable> TopicStatsTable::from_json(const json::Value& value) {
    TopicStatsTable t;
    detail::Reader reader(value, "topic stats table");
    if (const json::Object* table = reader.object("offsetTable")) {
        auto map =
            detail::queue_map_from_json<TopicOffset>(*table, "offsetTable", TopicOffset::from_json);
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
