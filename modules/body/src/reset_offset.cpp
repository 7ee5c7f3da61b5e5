#include "body/reset_offset.hpp"

#include "json/write.hpp"
#include "queue_map.hpp"
#include "reader.hpp"

namespace rmq::body {

namespace {

json::Value offsets_to_json(const QueueOffsetTable& table) {
    return detail::queue_map_to_json(table, [](int64_t o) { return json::Value(o); });
}

Result<QueueOffsetTable> offsets_from_json(const json::Value& value, std::string_view what) {
    const json::Object* members = value.if_object();
    if (members == nullptr) return detail::bad_body(std::string(what) + " is not a JSON object");
    return detail::queue_map_from_json<int64_t>(*members, what, detail::offset_from_json);
}

}  // namespace

json::Value ResetOffsetBody::to_json() const {
    json::Value v;
    v.set("offsetTable", offsets_to_json(offset_table));
    return v;
}

std::string ResetOffsetBody::encode() const {
    return json::write(to_json());
}

Result<ResetOffsetBody> ResetOffsetBody::from_json(const json::Value& value) {
    ResetOffsetBody b;
    detail::Reader reader(value, "reset offset body");
    if (const json::Value* table = reader.property("offsetTable")) {
        auto offsets = offsets_from_json(*table, "offsetTable");
        if (!offsets) return offsets.error();
        b.offset_table = std::move(*offsets);
    }
    if (auto r = reader.result(); !r) return r.error();
    return b;
}

Result<ResetOffsetBody> ResetOffsetBody::decode(std::string_view text) {
    return detail::decode_as<ResetOffsetBody>(text);
}

json::Value MessageQueueForC::to_json() const {
    json::Value v;
    v.set("brokerName", broker_name);
    v.set("offset", offset);
    v.set("queueId", queue_id);
    v.set("topic", topic);
    return v;
}

Result<MessageQueueForC> MessageQueueForC::from_json(const json::Value& value) {
    MessageQueueForC q;
    auto read = detail::Reader(value, "message queue")
                    .read("brokerName", q.broker_name)
                    .read("offset", q.offset)
                    .read("queueId", q.queue_id)
                    .read("topic", q.topic)
                    .result();
    if (!read) return read.error();
    return q;
}

json::Value ResetOffsetBodyForC::to_json() const {
    json::Value v;
    v.set("offsetTable", detail::list_to_json(offset_table));
    return v;
}

std::string ResetOffsetBodyForC::encode() const {
    return json::write(to_json());
}

Result<ResetOffsetBodyForC> ResetOffsetBodyForC::from_json(const json::Value& value) {
    ResetOffsetBodyForC b;
    detail::Reader reader(value, "reset offset body");
    reader.read_list("offsetTable", b.offset_table);
    if (auto r = reader.result(); !r) return r.error();
    return b;
}

Result<ResetOffsetBodyForC> ResetOffsetBodyForC::decode(std::string_view text) {
    return detail::decode_as<ResetOffsetBodyForC>(text);
}

json::Value GetConsumerStatusBody::to_json() const {
    json::Value v;
    v.set("consumerTable", detail::string_map_to_json(consumer_table, offsets_to_json));
    v.set("messageQueueTable", offsets_to_json(message_queue_table));
    return v;
}

std::string GetConsumerStatusBody::encode() const {
    return json::write(to_json());
}

Result<GetConsumerStatusBody> GetConsumerStatusBody::from_json(const json::Value& value) {
    GetConsumerStatusBody b;
    detail::Reader reader(value, "consumer status body");
    if (const json::Value* table = reader.property("messageQueueTable")) {
        auto offsets = offsets_from_json(*table, "messageQueueTable");
        if (!offsets) return offsets.error();
        b.message_queue_table = std::move(*offsets);
    }
    if (const json::Object* consumers = reader.object("consumerTable")) {
        auto map = detail::string_map_from_json<QueueOffsetTable>(
            *consumers, "consumerTable",
            [](const json::Value& v) { return offsets_from_json(v, "consumer offsets"); });
        if (!map) return map.error();
        b.consumer_table = std::move(*map);
    }
    if (auto r = reader.result(); !r) return r.error();
    return b;
}

Result<GetConsumerStatusBody> GetConsumerStatusBody::decode(std::string_view text) {
    return detail::decode_as<GetConsumerStatusBody>(text);
}

}  // namespace rmq::body
