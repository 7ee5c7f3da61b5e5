#pragma once
// Connection, ConsumerConnection, ProducerConnection (spec/headers.md §B.10): the
// GET_CONSUMER_CONNECTION_LIST and GET_PRODUCER_CONNECTION_LIST response bodies.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "body/enums.hpp"
#include "body/error.hpp"
#include "body/ordered_map.hpp"
#include "body/subscription_data.hpp"
#include "json/value.hpp"
#include "proto/language_code.hpp"

namespace rmq::body {

struct Connection {
    std::string client_id;
    std::string client_addr;  // "ip:port"
    proto::LanguageCode language = proto::LanguageCode::JAVA;
    int32_t version = 0;  // the version the client sent in its HEART_BEAT

    /// {"clientAddr","clientId","language":"<name>","version"}
    json::Value to_json() const;
    /// language by name or ordinal (an unknown name reads as OTHER).
    static Result<Connection> from_json(const json::Value& value);

    friend bool operator==(const Connection&, const Connection&) = default;
};

struct ConsumerConnection {
    std::vector<Connection> connection_set;                        // Java HashSet, sender's order
    OrderedMap<std::string, SubscriptionData> subscription_table;  // topic → subscription
    std::optional<ConsumeType> consume_type;
    std::optional<MessageModel> message_model;
    std::optional<ConsumeFromWhere> consume_from_where;

    /// {"connectionSet","consumeFromWhere","consumeType","messageModel","subscriptionTable"}
    json::Value to_json() const;
    std::string encode() const;
    static Result<ConsumerConnection> from_json(const json::Value& value);
    static Result<ConsumerConnection> decode(std::string_view text);

    friend bool operator==(const ConsumerConnection&, const ConsumerConnection&) = default;
};

struct ProducerConnection {
    std::vector<Connection> connection_set;  // Java HashSet, sender's order

    /// {"connectionSet":[…]}
    json::Value to_json() const;
    std::string encode() const;
    static Result<ProducerConnection> from_json(const json::Value& value);
    static Result<ProducerConnection> decode(std::string_view text);

    friend bool operator==(const ProducerConnection&, const ProducerConnection&) = default;
};

}  // namespace rmq::body
