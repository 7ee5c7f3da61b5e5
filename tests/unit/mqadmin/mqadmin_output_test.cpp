// The text pieces mqadmin's tables are built from, checked against Java's formatting.
#include <sstream>

#include "body/topic_route_data.hpp"
#include "catch.hpp"
#include "output/json_out.hpp"
#include "output/route_table.hpp"
#include "output/text.hpp"

using namespace rmq;
using namespace rmq::mqadmin;

TEST_CASE("padding behaves like %-Ns and %Ns") {
    CHECK(left("ab", 5) == "ab   ");
    CHECK(left("abcdef", 3) == "abcdef");
    CHECK(right("ab", 5) == "   ab");
    CHECK(front("abcdef", 3) == "abc");
    CHECK(fixed(2.5, 2) == "2.50");
    CHECK(fixed(0.12345, 4) == "0.1235");
}

TEST_CASE("perm and version names are RocketMQ's") {
    CHECK(perm_string(6) == "RW-");
    CHECK(perm_string(4) == "R--");
    CHECK(perm_string(7) == "RWX");
    CHECK(perm_string(0) == "---");
    CHECK(version_desc(409) == "V4_9_8");
    CHECK(version_desc(408) == "V4_9_8_SNAPSHOT");
    CHECK(version_desc(0) == "V3_0_0_SNAPSHOT");
    CHECK(version_desc(15) == "V3_0_0_FINAL");
    CHECK(version_desc(16) == "V3_0_1_SNAPSHOT");
    CHECK(version_desc(proto::kVersion3_0_7_Snapshot) == "V3_0_7_SNAPSHOT");
    CHECK(version_desc(proto::kVersion3_1_8_Snapshot) == "V3_1_8_SNAPSHOT");
    CHECK(version_desc(61) == "V3_1_7");
    CHECK(version_desc(413) == "V5_0_0");
    CHECK(version_desc(100000) == "HIGHER_VERSION");
}

TEST_CASE("configs print as Java's toString") {
    body::TopicConfig t;
    t.topic_name = "T";
    t.read_queue_nums = 8;
    t.write_queue_nums = 4;
    t.perm = 6;
    CHECK(to_java_string(t)
          == "TopicConfig [topicName=T, readQueueNums=8, writeQueueNums=4, perm=RW-, "
             "topicFilterType=SINGLE_TAG, topicSysFlag=0, order=false]");
    body::SubscriptionGroupConfig g;
    g.group_name = "G";
    CHECK(to_java_string(g)
          == "SubscriptionGroupConfig [groupName=G, consumeEnable=true, "
             "consumeFromMinEnable=true, consumeBroadcastEnable=true, retryQueueNums=1, "
             "retryMaxTimes=16, brokerId=0, whichBrokerWhenConsumeSlowly=1, "
             "notifyConsumerIdsChangedEnable=true]");
}

TEST_CASE("topicRoute -l prints brokers sorted with totals") {
    body::TopicRouteData route;
    body::BrokerData b;
    b.cluster = "C";
    b.broker_name = "broker-b";
    b.broker_addrs = {{0, "10.0.0.2:10911"}, {1, "10.0.0.3:10911"}};
    route.broker_datas.push_back(b);
    b.broker_name = "broker-a";
    b.broker_addrs = {{0, "10.0.0.1:10911"}};
    route.broker_datas.push_back(b);
    body::QueueData q;
    q.broker_name = "broker-a";
    q.read_queue_nums = 4;
    q.write_queue_nums = 4;
    q.perm = 6;
    route.queue_datas.push_back(q);
    q.broker_name = "broker-b";
    q.read_queue_nums = 8;
    q.write_queue_nums = 2;
    route.queue_datas.push_back(q);

    auto row = [](std::string a, std::string b2, std::string c, std::string d, std::string e,
                  std::string f) {
        return left(a, 45) + " " + left(b2, 32) + " " + left(c, 50) + " " + left(d, 10) + " "
               + left(e, 11) + " " + left(f, 5) + "\n";
    };
    std::string expected =
        row("#ClusterName", "#BrokerName", "#BrokerAddrs", "#ReadQueue", "#WriteQueue", "#Perm")
        + row("C", "broker-a", "{0=10.0.0.1:10911}", "4", "4", "6")
        + row("C", "broker-b", "{0=10.0.0.2:10911, 1=10.0.0.3:10911}", "8", "2", "6")
        + std::string(158, '-') + "\n" + row("Total:", "2", "", "12", "6", "");
    CHECK(route_table(route) == expected);
}

TEST_CASE("human time has Java's layout") {
    auto text = human_time(1795300000123);
    REQUIRE(text.size() == 23);
    CHECK(text.substr(19) == ",123");
    CHECK(text[4] == '-');
    CHECK(text[10] == ' ');
}

TEST_CASE("JSON output (--json) is standard JSON: broker ids become quoted keys") {
    body::TopicRouteData route;
    body::BrokerData b;
    b.cluster = "C";
    b.broker_name = "broker-a";
    b.broker_addrs = {{0, "10.0.0.1:10911"}};
    route.broker_datas.push_back(b);
    std::ostringstream out;
    print_json(out, route.to_json());
    const std::string text = out.str();
    CHECK(text.find("\"brokerAddrs\":{\"0\":\"10.0.0.1:10911\"}") != std::string::npos);
    CHECK(text.back() == '\n');
    CHECK(std::count(text.begin(), text.end(), '\n') == 1);
}
