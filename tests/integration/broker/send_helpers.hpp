#pragma once
// Producer-side requests for the broker tests: a SEND_MESSAGE / V2 / BATCH request from a few
// fields, and a queue's max offset as GET_TOPIC_STATS_INFO reports it.
#include <optional>
#include <string>

#include "body/queue_stats.hpp"
#include "cluster_fixture.hpp"
#include "proto/headers.hpp"
#include "proto/request_code.hpp"

namespace rmq::test {

using proto::RequestCode;
using remoting::RemotingCommand;

struct Send {
    std::string topic = "Orders";
    int32_t queue_id = 0;
    std::string properties = std::string("TAGS\x01TagA\x02KEYS\x01k1\x02WAIT\x01true\x02", 29);
    std::string body = "hello";
    std::string default_topic = "TBW102";
    std::optional<int32_t> reconsume_times;
    RequestCode code = RequestCode::SEND_MESSAGE_V2;
};

inline RemotingCommand send_request(const Send& s) {
    auto r = RemotingCommand::request(proto::to_int(s.code));
    if (s.code == RequestCode::SEND_MESSAGE) {
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
        h.m = s.code == RequestCode::SEND_BATCH_MESSAGE;
        r.set_header(h);
    }
    r.body = s.body;
    return r;
}

inline int64_t max_offset(Cluster& c, const std::string& topic, int32_t queue) {
    proto::GetTopicStatsInfoRequestHeader h;
    h.topic = topic;
    auto r = RemotingCommand::request(proto::to_int(RequestCode::GET_TOPIC_STATS_INFO));
    r.set_header(h);
    auto response = c.call(c.broker->broker_addr(), r);
    if (response.code != 0) return -1;
    for (const auto& [mq, offset] : body::TopicStatsTable::decode(response.body)->offset_table)
        if (mq.queue_id == queue) return offset.max_offset;
    return -1;
}

}  // namespace rmq::test
