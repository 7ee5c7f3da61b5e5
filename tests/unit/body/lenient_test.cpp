// Input the way fastjson accepts it (spec/headers.md §B.0): numbers as strings and strings as
// numbers, enums by name or ordinal, unknown properties ignored, missing ones defaulted, bare
// and quoted integer keys; and the compressed REGISTER_BROKER form's edge cases.
#include <span>

#include "body/heartbeat_data.hpp"
#include "body/offset_tables.hpp"
#include "body/register_broker_body.hpp"
#include "body/subscription_data.hpp"
#include "body/topic_config_serialize_wrapper.hpp"
#include "body/topic_route_data.hpp"
#include "catch.hpp"
#include "json/parse.hpp"
#include "json/write.hpp"
#include "message/compression.hpp"

using namespace rmq;
using namespace rmq::body;

TEST_CASE("a C++ client's heartbeat: ordinal enums, string subVersion, no expressionType") {
    auto h = HeartbeatData::decode(
        R"({"clientID":"10.0.0.5@12345","consumerDataSet":[{"consumeFromWhere":0,)"
        R"("consumeType":1,"groupName":"CG","messageModel":1,"subscriptionDataSet":[)"
        R"({"codeSet":[2598919],"subString":"TagA","subVersion":"1700000000000",)"
        R"("tagsSet":["TagA"],"topic":"T"}],"unitMode":false}],"producerDataSet":[]})");
    REQUIRE(h.ok());
    REQUIRE(h->consumer_data_set.size() == 1);
    const ConsumerData& c = h->consumer_data_set[0];
    CHECK(c.consume_type == ConsumeType::consume_passively);
    CHECK(c.message_model == MessageModel::clustering);
    CHECK(c.consume_from_where == ConsumeFromWhere::consume_from_last_offset);
    const SubscriptionData& s = c.subscription_data_set.at(0);
    CHECK(s.sub_version == 1700000000000);
    CHECK(s.expression_type == "TAG");
    CHECK(!s.class_filter_mode);
    CHECK(s.code_set == std::vector<int32_t>{2598919});
    // Written back the Java way: enum names, numbers, every property.
    CHECK(h->encode()
          == R"({"clientID":"10.0.0.5@12345","consumerDataSet":[{"consumeFromWhere":)"
             R"("CONSUME_FROM_LAST_OFFSET","consumeType":"CONSUME_PASSIVELY","groupName":"CG",)"
             R"("messageModel":"CLUSTERING","subscriptionDataSet":[{"classFilterMode":false,)"
             R"("codeSet":[2598919],"expressionType":"TAG","subString":"TagA",)"
             R"("subVersion":1700000000000,"tagsSet":["TagA"],"topic":"T"}],"unitMode":false}],)"
             R"("producerDataSet":[]})");
}

TEST_CASE("enums: names, ordinals, ordinal strings, unknown ones read as null") {
    auto c = ConsumerData::from_json(*json::parse(
        R"({"consumeType":"CONSUME_ACTIVELY","messageModel":"0","consumeFromWhere":5})"));
    REQUIRE(c.ok());
    CHECK(c->consume_type == ConsumeType::consume_actively);
    CHECK(c->message_model == MessageModel::broadcasting);
    CHECK(c->consume_from_where == ConsumeFromWhere::consume_from_timestamp);
    auto unknown = ConsumerData::from_json(
        *json::parse(R"({"consumeType":"POP","messageModel":7,"consumeFromWhere":-1})"));
    REQUIRE(unknown.ok());
    CHECK(!unknown->consume_type);
    CHECK(!unknown->message_model);
    CHECK(!unknown->consume_from_where);
    CHECK(json::write(unknown->to_json())
          == R"({"groupName":"","subscriptionDataSet":[],"unitMode":false})");
}

TEST_CASE("topic configs: numbers as strings, filter type by ordinal, defaults, 5.x extras") {
    auto w = TopicConfigSerializeWrapper::decode(
        R"({"dataVersion":{"counter":"3","timestamp":1700000000000,"stateVersion":0},)"
        R"("topicConfigTable":{"T":{"perm":"6","readQueueNums":8,"topicFilterType":1,)"
        R"("topicName":"T","attributes":{"+message.type":"NORMAL"}},"U":{"topicName":"U"}},)"
        R"("topicQueueMappingInfoMap":{}})");
    REQUIRE(w.ok());
    CHECK(w->data_version == DataVersion{1700000000000, 3});
    const TopicConfig* t = w->topic_config_table.find("T");
    REQUIRE(t != nullptr);
    CHECK(t->perm == 6);
    CHECK(t->read_queue_nums == 8);
    CHECK(t->write_queue_nums == 16);
    CHECK(t->topic_filter_type == TopicFilterType::multi_tag);
    CHECK(*w->topic_config_table.find("U") == TopicConfig{.topic_name = "U"});
}

TEST_CASE("bad values are errors naming the property") {
    auto bad = TopicConfigSerializeWrapper::decode(R"({"topicConfigTable":{"T":{"perm":"lots"}}})");
    REQUIRE(!bad.ok());
    CHECK(bad.error().message.find("perm") != std::string::npos);
    CHECK(bad.error().message.find("T") != std::string::npos);
    CHECK(!HeartbeatData::decode("[1,2]").ok());
    CHECK(!HeartbeatData::decode("{").ok());
    CHECK(!HeartbeatData::decode(R"({"consumerDataSet":{}})").ok());
    CHECK(!ConsumerOffsetSerializeWrapper::decode(R"({"offsetTable":{"T@G":{"x":1}}})").ok());
}

TEST_CASE("route data: topicSynFlag alias, quoted or bare broker ids, unknown properties") {
    auto route = TopicRouteData::decode(
        R"({"brokerDatas":[{"brokerAddrs":{"1":"s",0:"m"},"brokerName":"b","cluster":"c",)"
        R"("enableActingMaster":false}],"queueDatas":[{"brokerName":"b","perm":6,)"
        R"("readQueueNums":"4","topicSynFlag":3,"writeQueueNums":4}],"topicQueueMappingByBroker":{}})");
    REQUIRE(route.ok());
    CHECK(route->queue_datas.at(0).topic_sys_flag == 3);
    CHECK(route->queue_datas.at(0).read_queue_nums == 4);
    CHECK(route->broker_datas.at(0).broker_addrs
          == std::map<int64_t, std::string>{{0, "m"}, {1, "s"}});
    CHECK(route->filter_server_table.empty());
    CHECK(!TopicRouteData::decode(R"({"brokerDatas":[{"brokerAddrs":{"x":"m"}}]})").ok());
}

TEST_CASE("offset tables accept quoted keys and numeric strings") {
    auto w = ConsumerOffsetSerializeWrapper::decode(R"({"offsetTable":{"T@G":{"1":"5",0:4}}})");
    REQUIRE(w.ok());
    CHECK(w->encode() == R"({"offsetTable":{"T@G":{0:4,1:5}}})");
    auto d = DelayOffsetSerializeWrapper::decode(R"({"offsetTable":{"3":1}})");
    REQUIRE(d.ok());
    CHECK(d->encode() == R"({"offsetTable":{3:1}})");
}

TEST_CASE("compressed register body: Java's layout, and truncation is an error") {
    RegisterBrokerBody body;
    body.topic_config_serialize_wrapper.data_version = {1700000000000, 2};
    TopicConfig t;
    t.topic_name = "TopicTest";
    t.read_queue_nums = 4;
    t.write_queue_nums = 4;
    body.topic_config_serialize_wrapper.topic_config_table.insert_or_assign("TopicTest", t);
    const std::string packed = body.encode_compressed();
    auto plain = message::zlib_inflate(std::span<const char>(packed.data(), packed.size()));
    REQUIRE(plain.ok());
    const std::string version = R"({"counter":2,"timestamp":1700000000000})";
    std::string expected;
    auto put_int = [&expected](uint32_t v) {
        for (int shift = 24; shift >= 0; shift -= 8)
            expected.push_back(static_cast<char>(v >> shift));
    };
    put_int(static_cast<uint32_t>(version.size()));
    expected += version;
    put_int(1);
    put_int(26);
    expected += "TopicTest 4 4 6 SINGLE_TAG";
    put_int(2);
    expected += "[]";
    CHECK(*plain == expected);
    auto back = RegisterBrokerBody::decode(packed, true);
    REQUIRE(back.ok());
    CHECK(*back == body);

    const std::string cut = expected.substr(0, expected.size() - 3);
    const std::string cut_packed =
        message::zlib_deflate(std::span<const char>(cut.data(), cut.size()));
    CHECK(!RegisterBrokerBody::decode(cut_packed, true).ok());
    CHECK(!RegisterBrokerBody::decode("not zlib", true).ok());
    CHECK(!RegisterBrokerBody::decode(packed, false).ok());  // binary is not JSON
}

TEST_CASE("TopicConfig text form") {
    auto t = TopicConfig::decode_text("T 8 4 6 MULTI_TAG");
    REQUIRE(t);
    CHECK(t->read_queue_nums == 8);
    CHECK(t->write_queue_nums == 4);
    CHECK(t->topic_filter_type == TopicFilterType::multi_tag);
    CHECK(t->encode_text() == "T 8 4 6 MULTI_TAG");
    CHECK(!TopicConfig::decode_text("T 8 4 6"));
    CHECK(!TopicConfig::decode_text("T x 4 6 SINGLE_TAG"));
    CHECK(!TopicConfig::decode_text("T 8 4 6 OTHER"));
}

TEST_CASE("a subscription without subVersion gets the current time, as in Java") {
    auto s = SubscriptionData::decode(R"({"topic":"T","subString":"*"})");
    REQUIRE(s.ok());
    CHECK(s->sub_version >= 1700000000000);
}
