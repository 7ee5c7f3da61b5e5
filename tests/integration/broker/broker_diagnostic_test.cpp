// The diagnostics mqadmin's statsAll and cloneGroupOffset rely on: traffic counters per topic
// and group (VIEW_BROKER_STATS_DATA), offsets copied between groups, the delay levels' offsets.
#include <chrono>
#include <thread>

#include "body/broker_stats_data.hpp"
#include "body/query_consume_queue.hpp"
#include "catch.hpp"
#include "cluster_fixture.hpp"
#include "json/coerce.hpp"
#include "json/parse.hpp"
#include "message/record_reader.hpp"
#include "proto/response_code.hpp"
#include "pull_requests.hpp"
#include "send_helpers.hpp"

using namespace rmq;
using namespace std::chrono_literals;
using proto::RequestCode;
using proto::ResponseCode;
using remoting::RemotingCommand;
using test::Cluster;

namespace {

RemotingCommand stats_request(const std::string& name, const std::string& key) {
    proto::ViewBrokerStatsDataRequestHeader h;
    h.statsName = name;
    h.statsKey = key;
    auto r = RemotingCommand::request(proto::to_int(RequestCode::VIEW_BROKER_STATS_DATA));
    r.set_header(h);
    return r;
}

/// The item's figures once the broker's once-a-second sampling shows `day_sum` (5 s at most).
body::BrokerStatsData wait_for_stats(Cluster& c, const std::string& name, const std::string& key,
                                     int64_t day_sum) {
    body::BrokerStatsData data;
    const auto deadline = std::chrono::steady_clock::now() + 5s;
    do {
        auto r = c.call(c.broker->broker_addr(), stats_request(name, key));
        if (r.code == 0) {
            auto decoded = body::BrokerStatsData::decode(r.body);
            REQUIRE(decoded);
            data = *decoded;
            if (data.stats_day.sum == day_sum) return data;
        }
        std::this_thread::sleep_for(100ms);
    } while (std::chrono::steady_clock::now() < deadline);
    FAIL("stats " << name << " " << key << " never reached " << day_sum);
    return data;
}

RemotingCommand clone_request(const std::string& src, const std::string& dest,
                              std::optional<std::string> topic) {
    proto::CloneGroupOffsetRequestHeader h;
    h.srcGroup = src;
    h.destGroup = dest;
    h.topic = std::move(topic);
    h.offline = false;
    auto r = RemotingCommand::request(proto::to_int(RequestCode::CLONE_GROUP_OFFSET));
    r.set_header(h);
    return r;
}

std::string queried_offset(Cluster& c, const std::string& group, int32_t queue) {
    auto r = c.call(c.broker->broker_addr(), test::query_offset_request(group, "Orders", queue));
    return r.code == 0 ? std::string(*r.ext("offset")) : "code " + std::to_string(r.code);
}

}  // namespace

TEST_CASE("sends and pulls are counted per topic and per group and per broker") {
    Cluster c;
    for (int i = 0; i < 3; ++i)
        REQUIRE(c.call(c.broker->broker_addr(), test::send_request(test::Send{})).code == 0);
    REQUIRE(test::wait_for_max_offset(c, "Orders", 0, 3) == 3);
    auto pulled = c.call(c.broker->broker_addr(), test::pull_request(test::Pull{}));
    REQUIRE(pulled.code == 0);

    const auto puts = wait_for_stats(c, "TOPIC_PUT_NUMS", "Orders", 3);
    CHECK(puts.stats_minute.sum == 3);
    CHECK(puts.stats_minute.tps > 0);
    CHECK(puts.stats_minute.avgpt == 1.0);  // one message per send
    CHECK(wait_for_stats(c, "BROKER_PUT_NUMS", "DefaultCluster", 3).stats_hour.sum == 3);
    const auto size = wait_for_stats(c, "TOPIC_PUT_SIZE", "Orders", pulled.body.size());
    CHECK(size.stats_minute.sum == static_cast<int64_t>(pulled.body.size()));

    const auto gets = wait_for_stats(c, "GROUP_GET_NUMS", "Orders@CG", 3);
    CHECK(gets.stats_minute.avgpt == 3.0);  // three messages in one pull
    CHECK(wait_for_stats(c, "GROUP_GET_SIZE", "Orders@CG", pulled.body.size()).stats_day.sum
          == static_cast<int64_t>(pulled.body.size()));
    CHECK(wait_for_stats(c, "BROKER_GET_NUMS", "DefaultCluster", 3).stats_day.sum == 3);
}

TEST_CASE("a message sent back is counted for its topic and group") {
    Cluster c;
    REQUIRE(c.call(c.broker->broker_addr(), test::send_request(test::Send{})).code == 0);
    REQUIRE(test::wait_for_max_offset(c, "Orders", 0, 1) == 1);
    auto pulled = c.call(c.broker->broker_addr(), test::pull_request(test::Pull{}));
    REQUIRE(pulled.code == 0);
    auto messages = message::decode_messages(std::span<const char>(pulled.body));
    REQUIRE(messages.size() == 1);

    proto::ConsumerSendMsgBackRequestHeader h;
    h.offset = messages[0].commit_log_offset;
    h.group = "CG";
    h.delayLevel = 0;
    auto back = RemotingCommand::request(proto::to_int(RequestCode::CONSUMER_SEND_MSG_BACK));
    back.set_header(h);
    REQUIRE(c.call(c.broker->broker_addr(), std::move(back)).code == 0);

    const auto sent_back = wait_for_stats(c, "SNDBCK_PUT_NUMS", "Orders@CG", 1);
    CHECK(sent_back.stats_minute.sum == 1);
}

TEST_CASE("stats never counted are refused with Java's remark") {
    Cluster c;
    auto unknown_key = c.call(c.broker->broker_addr(), stats_request("TOPIC_PUT_NUMS", "Nope"));
    CHECK(unknown_key.code == proto::to_int(ResponseCode::SYSTEM_ERROR));
    CHECK(unknown_key.remark.value_or("") == "The stats <TOPIC_PUT_NUMS> <Nope> not exist");
    auto unknown_name = c.call(c.broker->broker_addr(), stats_request("NO_SUCH_STATS", "Orders"));
    CHECK(unknown_name.code == proto::to_int(ResponseCode::SYSTEM_ERROR));
    CHECK(unknown_name.remark.value_or("") == "The stats <NO_SUCH_STATS> <Orders> not exist");
}

TEST_CASE("a group's offsets are cloned for one topic or for all of its topics") {
    Cluster c;
    REQUIRE(c.call(c.broker->broker_addr(), test::send_request(test::Send{})).code == 0);
    REQUIRE(test::wait_for_max_offset(c, "Orders", 0, 1) == 1);
    REQUIRE(c.call(c.broker->broker_addr(), test::update_offset_request("CG", "Orders", 0, 1)).code
            == 0);

    CHECK(c.call(c.broker->broker_addr(), clone_request("CG", "Copy", "Orders")).code == 0);
    CHECK(queried_offset(c, "Copy", 0) == "1");
    CHECK(c.call(c.broker->broker_addr(), clone_request("CG", "AllTopics", std::nullopt)).code
          == 0);
    CHECK(queried_offset(c, "AllTopics", 0) == "1");
    // A source without offsets leaves the destination as it was.
    CHECK(c.call(c.broker->broker_addr(), clone_request("Nobody", "Copy", "Orders")).code == 0);
    CHECK(queried_offset(c, "Copy", 0) == "1");
}

TEST_CASE("the delay levels' offsets are answered as delayOffset.json's table") {
    Cluster c;
    auto r = c.call_broker(RequestCode::GET_ALL_DELAY_OFFSET);
    REQUIRE(r.code == 0);
    CHECK(r.body.starts_with("{\"offsetTable\":{"));
}

namespace {

RemotingCommand cq_request(const std::string& topic, int64_t index,
                           std::optional<std::string> group = std::nullopt) {
    proto::QueryConsumeQueueRequestHeader h;
    h.topic = topic;
    h.queueId = 0;
    h.index = index;
    h.count = 10;
    h.consumerGroup = std::move(group);
    auto r = RemotingCommand::request(proto::to_int(RequestCode::QUERY_CONSUME_QUEUE));
    r.set_header(h);
    return r;
}

}  // namespace

TEST_CASE("a consume queue's entries are listed from an index on") {
    Cluster c;
    for (int i = 0; i < 3; ++i)
        REQUIRE(c.call(c.broker->broker_addr(), test::send_request(test::Send{})).code == 0);
    REQUIRE(test::wait_for_max_offset(c, "Orders", 0, 3) == 3);

    auto r = c.call(c.broker->broker_addr(), cq_request("Orders", 1, "CG"));
    REQUIRE(r.code == 0);
    auto body = body::QueryConsumeQueueResponseBody::decode(r.body);
    REQUIRE(body);
    CHECK(body->min_queue_index == 0);
    CHECK(body->max_queue_index == 3);
    REQUIRE(body->queue_data.size() == 2);
    CHECK(body->queue_data[0].physic_size > 0);
    CHECK(body->queue_data[1].physic_offset
          == body->queue_data[0].physic_offset + body->queue_data[0].physic_size);
    CHECK(!body->subscription_data);
    CHECK(body->filter_data == "CG@Orders is not online!");
    CHECK(body->queue_data[0].to_string().starts_with("ConsumeQueueData{physicOffset="));

    auto past_end = c.call(c.broker->broker_addr(), cq_request("Orders", 5));
    CHECK(past_end.code == 0);
    CHECK(past_end.remark.value_or("") == "Index 5 of 0@Orders is not exist!");
    CHECK(past_end.body.empty());

    auto unknown = c.call(c.broker->broker_addr(), cq_request("Nope", 0));
    CHECK(unknown.code == proto::to_int(ResponseCode::SYSTEM_ERROR));
    CHECK(unknown.remark.value_or("") == "0@Nope is not exist!");
}

TEST_CASE("manual clean-ups drop unused topics' queues and keep live data") {
    Cluster c;
    REQUIRE(c.call(c.broker->broker_addr(), test::send_request(test::Send{})).code == 0);
    REQUIRE(test::wait_for_max_offset(c, "Orders", 0, 1) == 1);

    // Nothing has expired: the commit log keeps the message and the queue its entry.
    CHECK(c.call_broker(RequestCode::DELETE_EXPIRED_COMMITLOG).code == 0);
    CHECK(c.call_broker(RequestCode::CLEAN_EXPIRED_CONSUMEQUEUE).code == 0);
    CHECK(c.call(c.broker->broker_addr(), cq_request("Orders", 0)).code == 0);

    // A topic still configured keeps its queues; one that is gone loses them.
    CHECK(c.call_broker(RequestCode::CLEAN_UNUSED_TOPIC).code == 0);
    CHECK(c.call(c.broker->broker_addr(), cq_request("Orders", 0)).code == 0);
    REQUIRE(c.broker->topics().erase("Orders"));
    CHECK(c.call_broker(RequestCode::CLEAN_UNUSED_TOPIC).code == 0);
    auto gone = c.call(c.broker->broker_addr(), cq_request("Orders", 0));
    CHECK(gone.code == proto::to_int(ResponseCode::SYSTEM_ERROR));
}

TEST_CASE("consume time spans give each queue's store times and the group's delay") {
    Cluster c;
    for (int i = 0; i < 3; ++i)
        REQUIRE(c.call(c.broker->broker_addr(), test::send_request(test::Send{})).code == 0);
    REQUIRE(test::wait_for_max_offset(c, "Orders", 0, 3) == 3);
    REQUIRE(c.call(c.broker->broker_addr(), test::update_offset_request("CG", "Orders", 0, 2)).code
            == 0);

    proto::QueryConsumeTimeSpanRequestHeader h;
    h.topic = "Orders";
    h.group = "CG";
    auto request = RemotingCommand::request(proto::to_int(RequestCode::QUERY_CONSUME_TIME_SPAN));
    request.set_header(h);
    auto r = c.call(c.broker->broker_addr(), request);
    REQUIRE(r.code == 0);
    auto doc = json::parse(r.body);
    REQUIRE(doc);
    const auto* spans = doc->find("consumeTimeSpanSet")->if_array();
    REQUIRE(spans->size() == 4);  // the auto-created topic's write queues
    const auto& q0 = spans->front();
    const int64_t min = *json::to_int64(*q0.find("minTimeStamp"));
    const int64_t max = *json::to_int64(*q0.find("maxTimeStamp"));
    const int64_t consumed = *json::to_int64(*q0.find("consumeTimeStamp"));
    CHECK(min > 0);
    CHECK(min <= consumed);
    CHECK(consumed <= max);
    CHECK(*json::to_int64(*q0.find("delayTime")) >= 0);
    CHECK(q0.find("minTimeStampStr")->if_string()->at(10) == '#');
    CHECK(*q0.find("messageQueue")->find("brokerName")->if_string() == "broker-a");

    h.topic = "Nope";
    request.set_header(h);
    auto unknown = c.call(c.broker->broker_addr(), request);
    CHECK(unknown.code == proto::to_int(ResponseCode::TOPIC_NOT_EXIST));
    CHECK(unknown.remark.value_or("") == "topic[Nope] not exist");
}

TEST_CASE("correction offsets are the lowest offsets of the other groups") {
    Cluster c;
    for (int i = 0; i < 3; ++i)
        REQUIRE(c.call(c.broker->broker_addr(), test::send_request(test::Send{})).code == 0);
    REQUIRE(test::wait_for_max_offset(c, "Orders", 0, 3) == 3);
    for (const auto& [group, offset] : {std::pair{"A", 2}, std::pair{"B", 1}, std::pair{"C", 3}})
        REQUIRE(
            c.call(c.broker->broker_addr(), test::update_offset_request(group, "Orders", 0, offset))
                .code
            == 0);

    const auto correction = [&](const std::string& compare, std::optional<std::string> filter) {
        proto::QueryCorrectionOffsetHeader h;
        h.topic = "Orders";
        h.compareGroup = compare;
        h.filterGroups = std::move(filter);
        auto request =
            RemotingCommand::request(proto::to_int(RequestCode::QUERY_CORRECTION_OFFSET));
        request.set_header(h);
        auto r = c.call(c.broker->broker_addr(), request);
        REQUIRE(r.code == 0);
        return r.body;
    };
    CHECK(correction("B", std::nullopt) == "{\"correctionOffsets\":{0:1}}");
    CHECK(correction("A", "B") == "{\"correctionOffsets\":{0:2}}");
    // The compare group is behind every other group: nothing to correct.
    CHECK(correction("B", "B,X") == "{\"correctionOffsets\":{0:9223372036854775807}}");
}

TEST_CASE("every connected producer is listed by group") {
    Cluster c;
    auto none = c.call_broker(RequestCode::GET_ALL_PRODUCER_INFO);
    REQUIRE(none.code == 0);
    CHECK(none.body == "{\"data\":{}}");

    REQUIRE(c.call(c.broker->broker_addr(),
                   test::heartbeat_request(
                       {.client_id = "10.0.0.9@77", .topic = "", .producer_group = "PG"}))
                .code
            == 0);
    auto r = c.call_broker(RequestCode::GET_ALL_PRODUCER_INFO);
    REQUIRE(r.code == 0);
    auto doc = json::parse(r.body);
    REQUIRE(doc);
    const auto* producers = doc->find("data")->find("PG")->if_array();
    REQUIRE(producers->size() == 1);
    const auto& p = producers->front();
    CHECK(*p.find("clientId")->if_string() == "10.0.0.9@77");
    CHECK(p.find("remoteIP")->if_string()->starts_with("/127.0.0.1:"));
    CHECK(*p.find("language")->if_string() == "JAVA");
    CHECK(*json::to_int64(*p.find("lastUpdateTimestamp")) > 0);
}
