// Route data in both formats, cluster info, the browser-compatible writer, and the small list
// and table bodies.
#include <limits>

#include "body/broker_data.hpp"
#include "body/cluster_info.hpp"
#include "body/connection.hpp"
#include "body/java_hash_order.hpp"
#include "body/kv_table.hpp"
#include "body/topic_list.hpp"
#include "body/topic_route_data.hpp"
#include "catch.hpp"
#include "json/parse.hpp"
#include "json/write.hpp"

using namespace rmq;
using namespace rmq::body;

namespace {

TopicRouteData two_broker_route() {
    TopicRouteData route;
    BrokerData a;
    a.cluster = "DefaultCluster";
    a.broker_name = "broker-a";
    a.broker_addrs = {{1, "10.0.0.2:10911"}, {0, "10.0.0.1:10911"}};
    route.broker_datas.push_back(a);
    route.queue_datas.push_back(QueueData{"broker-a", 4, 4, 6, 0});
    route.filter_server_table.insert_or_assign("10.0.0.2:10911", {"f2"});
    route.filter_server_table.insert_or_assign("10.0.0.1:10911", {"f1"});
    return route;
}

}  // namespace

TEST_CASE("TopicRouteData default format: bare broker ids, maps in their own order") {
    TopicRouteData route = two_broker_route();
    CHECK(route.encode(false)
          == R"({"brokerDatas":[{"brokerAddrs":{0:"10.0.0.1:10911",1:"10.0.0.2:10911"},)"
             R"("brokerName":"broker-a","cluster":"DefaultCluster"}],"filterServerTable":)"
             R"({"10.0.0.2:10911":["f2"],"10.0.0.1:10911":["f1"]},"queueDatas":[{"brokerName":)"
             R"("broker-a","perm":6,"readQueueNums":4,"topicSysFlag":0,"writeQueueNums":4}]})");
}

TEST_CASE("TopicRouteData standard format: quoted keys, sorted maps, escaped non-ASCII") {
    TopicRouteData route = two_broker_route();
    route.order_topic_conf = "broker-a:4";
    route.broker_datas[0].cluster = "集群/1";
    CHECK(route.encode(true)
          == R"({"brokerDatas":[{"brokerAddrs":{"0":"10.0.0.1:10911","1":"10.0.0.2:10911"},)"
             R"("brokerName":"broker-a","cluster":"\u96C6\u7FA4\/1"}],"filterServerTable":)"
             R"({"10.0.0.1:10911":["f1"],"10.0.0.2:10911":["f2"]},"orderTopicConf":)"
             R"("broker-a:4","queueDatas":[{"brokerName":"broker-a","perm":6,)"
             R"("readQueueNums":4,"topicSysFlag":0,"writeQueueNums":4}]})");
    auto back = TopicRouteData::decode(route.encode(true));
    REQUIRE(back.ok());
    TopicRouteData sorted = route;
    sorted.filter_server_table.sort([](const auto& a, const auto& b) { return a.first < b.first; });
    CHECK(*back == sorted);
}

TEST_CASE("broker ids sort numerically, not as text, in both formats") {
    BrokerData b;
    b.broker_addrs = {{10, "x:10"}, {2, "x:2"}, {0, "x:0"}};
    CHECK(json::write(b.to_json(), json::Format::browser_compatible)
          == R"({"brokerAddrs":{"0":"x:0","2":"x:2","10":"x:10"},"brokerName":"","cluster":""})");
    CHECK(b.encode()
          == R"({"brokerAddrs":{0:"x:0",2:"x:2",10:"x:10"},"brokerName":"","cluster":""})");
}

TEST_CASE("BrokerData.select_broker_addr prefers the master") {
    BrokerData b;
    CHECK(!b.select_broker_addr());
    b.broker_addrs = {{2, "s2"}, {1, "s1"}};
    CHECK(b.select_broker_addr() == "s1");
    b.broker_addrs[0] = "m";
    CHECK(b.select_broker_addr() == "m");
}

TEST_CASE("browser-compatible strings: fastjson's BrowserCompatible escapes") {
    std::string out;
    json::append_browser_compatible_string(out,
                                           "a\"/\\\b\f\n\r\t\x01\x7f\xc3\xa9\xf0\x9f\x98\x80z");
    CHECK(out == R"("a\"\/\\\b\f\n\r\t\u0001\u007F\u00E9\uD83D\uDE00z")");
    // Longs beyond ±(2^53 − 1) are written as strings.
    json::Value v;
    v.set("a", int64_t{9007199254740991});
    v.set("b", int64_t{9007199254740992});
    v.set("c", int64_t{-9007199254740992});
    CHECK(json::write(v, json::Format::browser_compatible)
          == R"({"a":9007199254740991,"b":"9007199254740992","c":"-9007199254740992"})");
}

TEST_CASE("ClusterInfo builds the documented shape") {
    ClusterInfo info;
    BrokerData a;
    a.cluster = "c1";
    a.broker_name = "broker-a";
    a.broker_addrs[0] = "10.0.0.1:10911";
    info.broker_addr_table.insert_or_assign("broker-a", a);
    info.cluster_addr_table.insert_or_assign("c1", {"broker-a"});
    CHECK(info.encode()
          == R"({"brokerAddrTable":{"broker-a":{"brokerAddrs":{0:"10.0.0.1:10911"},)"
             R"("brokerName":"broker-a","cluster":"c1"}},"clusterAddrTable":{"c1":["broker-a"]}})");
    auto back = ClusterInfo::decode(info.encode());
    REQUIRE(back.ok());
    CHECK(*back == info);
}

TEST_CASE("KVTable, TopicList and GroupList") {
    KVTable kv;
    kv.table.insert_or_assign("k", "v");
    CHECK(kv.encode() == R"({"table":{"k":"v"}})");
    auto kv_back = KVTable::decode(R"({"table":{"k":"v","n":5,"z":null}})");
    REQUIRE(kv_back.ok());
    CHECK(*kv_back->table.find("n") == "5");
    CHECK(!kv_back->table.contains("z"));

    TopicList topics;
    topics.topic_list = {"A", "B"};
    CHECK(topics.encode() == R"({"topicList":["A","B"]})");
    topics.broker_addr = "10.0.0.1:10911";
    CHECK(topics.encode() == R"({"brokerAddr":"10.0.0.1:10911","topicList":["A","B"]})");
    CHECK(*TopicList::decode(topics.encode()) == topics);

    GroupList groups;
    groups.group_list = {"G"};
    CHECK(groups.encode() == R"({"groupList":["G"]})");
    CHECK(*GroupList::decode(groups.encode()) == groups);
}

TEST_CASE("connection bodies") {
    Connection c;
    c.client_id = "10.0.0.5@1#1";
    c.client_addr = "10.0.0.5:50000";
    c.language = proto::LanguageCode::CPP;
    c.version = 409;
    ProducerConnection p;
    p.connection_set = {c};
    CHECK(p.encode()
          == R"({"connectionSet":[{"clientAddr":"10.0.0.5:50000","clientId":"10.0.0.5@1#1",)"
             R"("language":"CPP","version":409}]})");
    CHECK(*ProducerConnection::decode(p.encode()) == p);

    ConsumerConnection cc;
    cc.connection_set = {c};
    cc.consume_type = ConsumeType::consume_passively;
    cc.message_model = MessageModel::clustering;
    cc.consume_from_where = ConsumeFromWhere::consume_from_last_offset;
    SubscriptionData s;
    s.topic = "T";
    s.sub_string = "*";
    s.sub_version = 1700000000000;
    cc.subscription_table.insert_or_assign("T", s);
    CHECK(cc.encode()
          == R"({"connectionSet":[{"clientAddr":"10.0.0.5:50000","clientId":"10.0.0.5@1#1",)"
             R"("language":"CPP","version":409}],"consumeFromWhere":"CONSUME_FROM_LAST_OFFSET",)"
             R"("consumeType":"CONSUME_PASSIVELY","messageModel":"CLUSTERING","subscriptionTable":)"
             R"({"T":{"classFilterMode":false,"codeSet":[],"expressionType":"TAG","subString":"*",)"
             R"("subVersion":1700000000000,"tagsSet":[],"topic":"T"}}})");
    CHECK(*ConsumerConnection::decode(cc.encode()) == cc);

    auto lenient = Connection::from_json(*json::parse(R"({"language":9,"version":"409"})"));
    REQUIRE(lenient.ok());
    CHECK(lenient->language == proto::LanguageCode::GO);
    CHECK(lenient->version == 409);
    CHECK(Connection::from_json(*json::parse(R"({"language":"COBOL"})"))->language
          == proto::LanguageCode::OTHER);
}

TEST_CASE("java_string_hash matches String.hashCode") {
    CHECK(java_string_hash("") == 0);
    CHECK(java_string_hash("TagA") == 2598919);
    CHECK(java_string_hash("TagB") == 2598920);
    CHECK(java_string_hash("polygenelubricants") == std::numeric_limits<int32_t>::min());
    CHECK(java_string_hash("\xc3\xa9") == 0xE9);                          // é: one UTF-16 unit
    CHECK(java_string_hash("\xf0\x9f\x98\x80") == 31 * 0xD83D + 0xDE00);  // a surrogate pair
    CHECK(java_hash_map_capacity(12) == 16);
    CHECK(java_hash_map_capacity(13) == 32);
    CHECK(java_concurrent_hash_map_capacity(0, 1024) == 2048);
    CHECK(java_concurrent_hash_map_capacity(0, 512) == 1024);
    CHECK(java_concurrent_hash_map_capacity(12, 16) == 16 * 2);  // tableSizeFor(25) = 32
}
