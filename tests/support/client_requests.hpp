#pragma once
// Requests tests send as a RocketMQ client would: a HEART_BEAT for one consumer group (and
// optionally a producer group), and a route query. Suites that include this link rmq::body.
#include <string>

#include "body/heartbeat_data.hpp"
#include "proto/headers.hpp"
#include "proto/request_code.hpp"
#include "remoting/command.hpp"

namespace rmq::test {

struct HeartbeatSpec {
    std::string client_id = "127.0.0.1@1";
    std::string consumer_group = "CG";
    std::string topic = "TopicTest";  // the consumer's subscription; empty = none
    std::string sub_string = "*";
    std::string producer_group;  // empty = no producer
};

inline remoting::RemotingCommand heartbeat_request(const HeartbeatSpec& spec) {
    body::HeartbeatData data;
    data.client_id = spec.client_id;
    body::ConsumerData consumer;
    consumer.group_name = spec.consumer_group;
    consumer.consume_type = body::ConsumeType::consume_passively;
    consumer.message_model = body::MessageModel::clustering;
    consumer.consume_from_where = body::ConsumeFromWhere::consume_from_last_offset;
    if (!spec.topic.empty()) {
        body::SubscriptionData sub;
        sub.topic = spec.topic;
        sub.sub_string = spec.sub_string;
        sub.sub_version = 1;
        consumer.subscription_data_set.push_back(sub);
    }
    data.consumer_data_set.push_back(consumer);
    if (!spec.producer_group.empty()) {
        body::ProducerData producer;
        producer.group_name = spec.producer_group;
        data.producer_data_set.push_back(producer);
    }
    auto r = remoting::RemotingCommand::request(proto::to_int(proto::RequestCode::HEART_BEAT));
    r.body = data.encode();
    return r;
}

inline remoting::RemotingCommand route_request(const std::string& topic) {
    proto::GetRouteInfoRequestHeader h;
    h.topic = topic;
    auto r = remoting::RemotingCommand::request(
        proto::to_int(proto::RequestCode::GET_ROUTEINFO_BY_TOPIC));
    r.set_header(h);
    return r;
}

}  // namespace rmq::test
