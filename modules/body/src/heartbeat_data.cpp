#include "body/heartbeat_data.hpp"

#include "json/write.hpp"
#include "reader.hpp"

namespace rmq::body {

namespace {

template <class E, size_t N>
void read_optional_enum(detail::Reader& reader, std::string_view name, std::optional<E>& out,
                        const std::array<std::string_view, N>& names) {
    if (const json::Value* v = reader.property(name)) {
        if (auto i = detail::enum_ordinal(*v, names)) out = static_cast<E>(*i);
    }
}

}  // namespace

json::Value ProducerData::to_json() const {
    json::Value v;
    v.set("groupName", group_name);
    return v;
}

Result<ProducerData> ProducerData::from_json(const json::Value& value) {
    ProducerData p;
    auto read = detail::Reader(value, "producer data").read("groupName", p.group_name).result();
    if (!read) return read.error();
    return p;
}

json::Value ConsumerData::to_json() const {
    json::Value v;
    if (consume_from_where) v.set("consumeFromWhere", name(*consume_from_where));
    if (consume_type) v.set("consumeType", name(*consume_type));
    v.set("groupName", group_name);
    if (message_model) v.set("messageModel", name(*message_model));
    v.set("subscriptionDataSet", detail::list_to_json(subscription_data_set));
    v.set("unitMode", unit_mode);
    return v;
}

Result<ConsumerData> ConsumerData::from_json(const json::Value& value) {
    ConsumerData c;
    detail::Reader reader(value, "consumer data");
    reader.read("groupName", c.group_name).read("unitMode", c.unit_mode);
    read_optional_enum(reader, "consumeType", c.consume_type, kConsumeTypeNames);
    read_optional_enum(reader, "messageModel", c.message_model, kMessageModelNames);
    read_optional_enum(reader, "consumeFromWhere", c.consume_from_where, kConsumeFromWhereNames);
    if (const json::Array* subs = reader.array("subscriptionDataSet")) {
        auto list = detail::list_from_json<SubscriptionData>(*subs, "subscriptionDataSet",
                                                             SubscriptionData::from_json);
        if (!list) return common::in_context("consumer data", list.error());
        c.subscription_data_set = std::move(*list);
    }
    if (auto r = reader.result(); !r) return r.error();
    return c;
}

json::Value HeartbeatData::to_json() const {
    json::Value v;
    v.set("clientID", client_id);
    v.set("consumerDataSet", detail::list_to_json(consumer_data_set));
    v.set("producerDataSet", detail::list_to_json(producer_data_set));
    return v;
}

std::string HeartbeatData::encode() const {
    return json::write(to_json());
}

Result<HeartbeatData> HeartbeatData::from_json(const json::Value& value) {
    HeartbeatData h;
    detail::Reader reader(value, "heartbeat data");
    reader.read("clientID", h.client_id);
    reader.read_list("producerDataSet", h.producer_data_set);
    reader.read_list("consumerDataSet", h.consumer_data_set);
    if (auto r = reader.result(); !r) return r.error();
    return h;
}

Result<HeartbeatData> HeartbeatData::decode(std::string_view text) {
    return detail::decode_as<HeartbeatData>(text);
}

}  // namespace rmq::body
