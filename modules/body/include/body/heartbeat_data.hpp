#pragma once
// HeartbeatData, ProducerData, ConsumerData (spec/headers.md §B.5): the HEART_BEAT request
// body.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "body/enums.hpp"
#include "body/error.hpp"
#include "body/subscription_data.hpp"
#include "json/value.hpp"

namespace rmq::body {

struct ProducerData {
    std::string group_name;

    /// {"groupName":…}
    json::Value to_json() const;
    static Result<ProducerData> from_json(const json::Value& value);

    friend bool operator==(const ProducerData&, const ProducerData&) = default;
};

struct ConsumerData {
    std::string group_name;
    std::optional<ConsumeType> consume_type;  // null (omitted) unless set, as in Java
    std::optional<MessageModel> message_model;
    std::optional<ConsumeFromWhere> consume_from_where;
    std::vector<SubscriptionData> subscription_data_set;  // Java HashSet, sender's order
    bool unit_mode = false;

    /// {"consumeFromWhere","consumeType","groupName","messageModel","subscriptionDataSet",
    /// "unitMode"}; enums by name.
    json::Value to_json() const;
    /// Enums by name or ordinal; an unknown name or ordinal reads as null.
    static Result<ConsumerData> from_json(const json::Value& value);

    friend bool operator==(const ConsumerData&, const ConsumerData&) = default;
};

struct HeartbeatData {
    std::string client_id;
    std::vector<ProducerData> producer_data_set;  // Java HashSet, sender's order
    std::vector<ConsumerData> consumer_data_set;  // Java HashSet, sender's order

    /// {"clientID":…,"consumerDataSet":[…],"producerDataSet":[…]}
    json::Value to_json() const;
    std::string encode() const;
    /// 5.x's heartbeatFingerprint and withoutSub are ignored.
    static Result<HeartbeatData> from_json(const json::Value& value);
    static Result<HeartbeatData> decode(std::string_view text);

    friend bool operator==(const HeartbeatData&, const HeartbeatData&) = default;
};

}  // namespace rmq::body
