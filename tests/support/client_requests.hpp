#pragma once
// Requests tests send as a RocketMQ client would: a HEART_BEAT for one consumer group (and
// optionally a producer group), a route query, and sends. Suites that include this link rmq::body.
#include <optional>
#include <string>

#include "body/heartbeat_data.hpp"
#include "proto/flags.hpp"
#include "proto/headers.hpp"
#include "proto/request_code.hpp"
#include "remoting/command.hpp"

namespace rmq::test {

struct HeartbeatSpec {
    std::string client_id = "127.0.0.1@1";
    std::string consumer_group = "CG";
    std::string topic = "TopicTest";  // the consumer's subscription; empty = none
    std::string sub_string = "*";
    std::string expression_type = "TAG";
    int64_t sub_version = 1;     // a registered subscription is replaced only by a newer version
    std::string producer_group;  // empty = no producer
    bool unit_mode = false;
};

inline remoting::RemotingCommand heartbeat_request(const HeartbeatSpec& spec) {
    body::HeartbeatData data;
    data.client_id = spec.client_id;
    body::ConsumerData consumer;
    consumer.group_name = spec.consumer_group;
    consumer.consume_type = body::ConsumeType::consume_passively;
    consumer.message_model = body::MessageModel::clustering;
    consumer.consume_from_where = body::ConsumeFromWhere::consume_from_last_offset;
    consumer.unit_mode = spec.unit_mode;
    if (!spec.topic.empty()) {
        body::SubscriptionData sub;
        sub.topic = spec.topic;
        sub.sub_string = spec.sub_string;
        sub.expression_type = spec.expression_type;
        sub.sub_version = spec.sub_version;
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

/// A message to send; the defaults make a valid V2 send to "Orders" queue 0.
struct Send {
    std::string topic = "Orders";
    int32_t queue_id = 0;
    std::string properties = std::string("TAGS\x01TagA\x02KEYS\x01k1\x02WAIT\x01true\x02", 28);
    std::string body = "hello";
    std::string default_topic = "TBW102";
    std::optional<int32_t> reconsume_times;
    proto::RequestCode code = proto::RequestCode::SEND_MESSAGE_V2;
};

/// SEND_MESSAGE (v1 header), SEND_MESSAGE_V2 or SEND_BATCH_MESSAGE from producer group "PG".
inline remoting::RemotingCommand send_request(const Send& s) {
    auto r = remoting::RemotingCommand::request(proto::to_int(s.code));
    if (s.code == proto::RequestCode::SEND_MESSAGE) {
        proto::SendMessageRequestHeader h;
        h.producerGroup = "PG";
        h.topic = s.topic;
        h.defaultTopic = s.default_topic;
        h.defaultTopicQueueNums = 4;
        h.queueId = s.queue_id;
        h.sysFlag = 0;
        h.bornTimestamp = 1700000000000;
        h.flag = 0;
        h.properties = s.properties;
        h.reconsumeTimes = s.reconsume_times;
        r.set_header(h);
    } else {
        proto::SendMessageRequestHeaderV2 h;
        h.a = "PG";
        h.b = s.topic;
        h.c = s.default_topic;
        h.d = 4;
        h.e = s.queue_id;
        h.f = 0;
        h.g = 1700000000000;
        h.h = 0;
        h.i = s.properties;
        h.j = s.reconsume_times;
        h.m = s.code == proto::RequestCode::SEND_BATCH_MESSAGE;
        r.set_header(h);
    }
    r.body = s.body;
    return r;
}

/// UPDATE_AND_CREATE_TOPIC as `mqadmin updateTopic` sends it: `queues` read and write queues.
inline remoting::RemotingCommand create_topic_request(const std::string& topic, int32_t queues,
                                                      int32_t perm = proto::perm::kRead
                                                                     | proto::perm::kWrite) {
    proto::CreateTopicRequestHeader h;
    h.topic = topic;
    h.defaultTopic = "TBW102";
    h.readQueueNums = queues;
    h.writeQueueNums = queues;
    h.perm = perm;
    h.topicFilterType = "SINGLE_TAG";
    auto r = remoting::RemotingCommand::request(
        proto::to_int(proto::RequestCode::UPDATE_AND_CREATE_TOPIC));
    r.set_header(h);
    return r;
}

/// UPDATE_CONSUMER_OFFSET of `group` for queue `queue_id` of `topic`.
inline remoting::RemotingCommand update_offset_request(const std::string& group,
                                                       const std::string& topic, int32_t queue_id,
                                                       int64_t offset) {
    proto::UpdateConsumerOffsetRequestHeader h;
    h.consumerGroup = group;
    h.topic = topic;
    h.queueId = queue_id;
    h.commitOffset = offset;
    auto r = remoting::RemotingCommand::request(
        proto::to_int(proto::RequestCode::UPDATE_CONSUMER_OFFSET));
    r.set_header(h);
    return r;
}

/// QUERY_CONSUMER_OFFSET of `group` for queue `queue_id` of `topic`.
inline remoting::RemotingCommand query_offset_request(const std::string& group,
                                                      const std::string& topic, int32_t queue_id) {
    proto::QueryConsumerOffsetRequestHeader h;
    h.consumerGroup = group;
    h.topic = topic;
    h.queueId = queue_id;
    auto r = remoting::RemotingCommand::request(
        proto::to_int(proto::RequestCode::QUERY_CONSUMER_OFFSET));
    r.set_header(h);
    return r;
}

/// GET_MAX_OFFSET of queue `queue_id` of `topic`: the number of messages dispatched to it.
inline remoting::RemotingCommand max_offset_request(const std::string& topic, int32_t queue_id) {
    proto::GetMaxOffsetRequestHeader h;
    h.topic = topic;
    h.queueId = queue_id;
    auto r = remoting::RemotingCommand::request(proto::to_int(proto::RequestCode::GET_MAX_OFFSET));
    r.set_header(h);
    return r;
}

}  // namespace rmq::test
