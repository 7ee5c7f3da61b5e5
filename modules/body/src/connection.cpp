#include "body/connection.hpp"

#include "json/coerce.hpp"
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

constexpr uint8_t kMaxLanguageOrdinal = static_cast<uint8_t>(proto::LanguageCode::NODE_JS);

}  // namespace

json::Value Connection::to_json() const {
    json::Value v;
    v.set("clientAddr", client_addr);
    v.set("clientId", client_id);
    v.set("language", proto::language_name(language));
    v.set("version", version);
    return v;
}

Result<Connection> Connection::from_json(const json::Value& value) {
    Connection c;
    detail::Reader reader(value, "connection");
    reader.read("clientAddr", c.client_addr)
        .read("clientId", c.client_id)
        .read("version", c.version);
    if (const json::Value* language = reader.property("language")) {
        if (const std::string* name = language->if_string();
            name != nullptr && !json::to_int64(*language)) {
            c.language = proto::language_from_name(*name);
        } else if (auto i = json::to_int64(*language); i && *i >= 0 && *i <= kMaxLanguageOrdinal) {
            c.language = static_cast<proto::LanguageCode>(*i);
        } else {
            c.language = proto::LanguageCode::OTHER;
        }
    }
    if (auto r = reader.result(); !r) return r.error();
    return c;
}

json::Value ConsumerConnection::to_json() const {
    json::Value v;
    v.set("connectionSet", detail::list_to_json(connection_set));
    if (consume_from_where) v.set("consumeFromWhere", name(*consume_from_where));
    if (consume_type) v.set("consumeType", name(*consume_type));
    if (message_model) v.set("messageModel", name(*message_model));
    v.set("subscriptionTable", detail::string_map_to_json(
                                   subscription_table, [](const auto& s) { return s.to_json(); }));
    return v;
}

std::string ConsumerConnection::encode() const {
    return json::write(to_json());
}

Result<ConsumerConnection> ConsumerConnection::from_json(const json::Value& value) {
    ConsumerConnection c;
    detail::Reader reader(value, "consumer connection");
    read_optional_enum(reader, "consumeType", c.consume_type, kConsumeTypeNames);
    read_optional_enum(reader, "messageModel", c.message_model, kMessageModelNames);
    read_optional_enum(reader, "consumeFromWhere", c.consume_from_where, kConsumeFromWhereNames);
    reader.read_list("connectionSet", c.connection_set);
    if (!reader.ok()) return reader.result().error();
    if (const json::Object* table = reader.object("subscriptionTable")) {
        auto map = detail::string_map_from_json<SubscriptionData>(*table, "subscriptionTable",
                                                                  SubscriptionData::from_json);
        if (!map) return map.error();
        c.subscription_table = std::move(*map);
    }
    if (auto r = reader.result(); !r) return r.error();
    return c;
}

Result<ConsumerConnection> ConsumerConnection::decode(std::string_view text) {
    return detail::decode_as<ConsumerConnection>(text);
}

json::Value ProducerConnection::to_json() const {
    json::Value v;
    v.set("connectionSet", detail::list_to_json(connection_set));
    return v;
}

std::string ProducerConnection::encode() const {
    return json::write(to_json());
}

Result<ProducerConnection> ProducerConnection::from_json(const json::Value& value) {
    ProducerConnection p;
    detail::Reader reader(value, "producer connection");
    reader.read_list("connectionSet", p.connection_set);
    if (auto r = reader.result(); !r) return r.error();
    return p;
}

Result<ProducerConnection> ProducerConnection::decode(std::string_view text) {
    return detail::decode_as<ProducerConnection>(text);
}

}  // namespace rmq::body
