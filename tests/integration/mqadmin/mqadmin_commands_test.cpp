// mqadmin run in-process against a name server and a broker on ephemeral loopback ports: what
// a user sees for each command, and that the changes reach the servers.
#include <fstream>
#include <iterator>
#include <sstream>
#include <thread>

#include "body/kv_table.hpp"
#include "body/topic_route_data.hpp"
#include "catch.hpp"
#include "client_requests.hpp"
#include "cluster_fixture.hpp"
#include "json/parse.hpp"
#include "mqadmin_fixture.hpp"
#include "proto/headers.hpp"
#include "proto/request_code.hpp"
#include "proto/response_code.hpp"
#include "remoting/client.hpp"
#include "run_mqadmin.hpp"

using namespace rmq;
using namespace std::chrono_literals;
using remoting::RemotingCommand;

using namespace mqadmin_test;

TEST_CASE("updateTopic on a cluster creates the topic and topicRoute shows its queues") {
    Cluster c;
    auto r = c.run({"updateTopic", "-c", "DefaultCluster", "-t", "Orders", "-r", "4", "-w", "4"});
    REQUIRE(r.code == 0);
    CHECK(r.err.empty());
    CHECK(r.out
          == "create topic to " + c.broker_addr
                 + " success.\nTopicConfig [topicName=Orders, readQueueNums=4, writeQueueNums=4, "
                   "perm=RW-, topicFilterType=SINGLE_TAG, topicSysFlag=0, order=false]\n");
    c.sync_routes();

    auto route = c.run({"topicRoute", "-t", "Orders", "--json"});
    REQUIRE(route.code == 0);
    auto data = body::TopicRouteData::decode(route.out);
    REQUIRE(data);
    REQUIRE(data->queue_datas.size() == 1);
    CHECK(data->queue_datas[0].read_queue_nums == 4);
    CHECK(data->queue_datas[0].write_queue_nums == 4);
    CHECK(data->broker_datas.at(0).broker_addrs.at(0) == c.broker_addr);

    auto pretty = c.run({"topicRoute", "-t", "Orders"});
    REQUIRE(pretty.code == 0);
    CHECK(contains(pretty.out, "\"brokerName\":\"broker-a\""));

    auto table = c.run({"topicRoute", "-t", "Orders", "-l"});
    REQUIRE(table.code == 0);
    CHECK(contains(table.out, "DefaultCluster"));
    CHECK(contains(table.out, "{0=" + c.broker_addr + "}"));
    CHECK(contains(table.out, "Total:"));

    auto list = c.run({"topicList"});
    REQUIRE(list.code == 0);
    CHECK(contains(list.out, "Orders\n"));

    auto clusters = c.run({"topicClusterList", "-t", "Orders"});
    REQUIRE(clusters.code == 0);
    CHECK(clusters.out == "DefaultCluster\n");

    auto by_cluster = c.run({"topicList", "-c"});
    REQUIRE(by_cluster.code == 0);
    CHECK(contains(by_cluster.out, "#Cluster Name"));
    CHECK(contains(by_cluster.out, "DefaultCluster        Orders"));
}

TEST_CASE("updateTopic on a broker, with -o, writes the order conf to the name server") {
    Cluster c;
    auto r = c.run({"updateTopic", "-b", c.broker_addr, "-t", "Seq", "-w", "2", "-o", "true"});
    REQUIRE(r.code == 0);
    CHECK(contains(r.out, "set broker orderConf. isOrder=true, orderConf=[broker-a:2]"));
    CHECK(contains(r.out, "order=true]"));
    CHECK(c.kv("ORDER_TOPIC_CONFIG", "Seq") == "broker-a:2");

    auto cl = c.run({"updateTopic", "-c", "DefaultCluster", "-t", "Seq2", "-o", "true", "--json"});
    REQUIRE(cl.code == 0);
    auto result = parse_json(cl.out);
    CHECK(*result.find("orderConf")->if_string() == "broker-a:8");
    CHECK(c.kv("ORDER_TOPIC_CONFIG", "Seq2") == "broker-a:8");
}

TEST_CASE("deleteTopic removes the topic and then topicRoute fails with TOPIC_NOT_EXIST") {
    Cluster c;
    REQUIRE(c.run({"updateTopic", "-c", "DefaultCluster", "-t", "Gone"}).code == 0);
    c.sync_routes();
    REQUIRE(c.run({"topicRoute", "-t", "Gone"}).code == 0);

    auto r = c.run({"deleteTopic", "-c", "DefaultCluster", "-t", "Gone"});
    REQUIRE(r.code == 0);
    CHECK(r.out
          == "delete topic [Gone] from cluster [DefaultCluster] success.\n"
             "delete topic [Gone] from NameServer success.\n");

    auto route = c.run({"topicRoute", "-t", "Gone"});
    CHECK(route.code == 1);
    CHECK(route.out.empty());
    CHECK(contains(route.err, "TOPIC_NOT_EXIST (17)"));
    CHECK(contains(route.err, "Gone"));
    CHECK(std::count(route.err.begin(), route.err.end(), '\n') == 1);

    auto unknown = c.run({"deleteTopic", "-c", "NoCluster", "-t", "X"});
    CHECK(unknown.code == 1);
    CHECK(contains(unknown.err, "NoCluster"));
}

TEST_CASE("updateKvConfig and deleteKvConfig change the name server's KV table") {
    Cluster c;
    auto put = c.run({"updateKvConfig", "-s", "NS", "-k", "key1", "-v", "value1"});
    REQUIRE(put.code == 0);
    CHECK(put.out == "create or update kv config to namespace success.\n");
    CHECK(c.kv("NS", "key1") == "value1");

    auto del = c.run({"deleteKvConfig", "-s", "NS", "-k", "key1"});
    REQUIRE(del.code == 0);
    CHECK(del.out == "delete kv config from namespace success.\n");
    CHECK(c.kv("NS", "key1") == std::nullopt);
}

TEST_CASE("wipeWritePerm takes the write bit off the broker's queues in the route") {
    Cluster c;
    REQUIRE(c.run({"updateTopic", "-c", "DefaultCluster", "-t", "W"}).code == 0);
    c.sync_routes();
    auto r = c.run({"wipeWritePerm", "-b", "broker-a"});
    REQUIRE(r.code == 0);
    CHECK(contains(
        r.out, "wipe write perm of broker[broker-a] in name server[" + c.namesrv_addr + "] OK, "));
    auto route = c.run({"topicRoute", "-t", "W", "--json"});
    REQUIRE(route.code == 0);
    auto data = body::TopicRouteData::decode(route.out);
    REQUIRE(data);
    CHECK(data->queue_datas.at(0).perm == 4);

    // One name server down: the others are still wiped, and the exit code tells.
    auto partial =
        c.run({"wipeWritePerm", "-b", "broker-a", "-n", c.namesrv_addr + ";127.0.0.1:1"}, false);
    CHECK(partial.code == 1);
    CHECK(contains(partial.out, "in name server[" + c.namesrv_addr + "] OK, "));
    CHECK(contains(partial.out, "in name server[127.0.0.1:1] Failed\n"));
    CHECK(contains(partial.err, "mqadmin wipeWritePerm: WIPE_WRITE_PERM_OF_BROKER to 127.0.0.1:1"));

    // Every topic the name server knows lives on broker-a here, so each one is counted.
    auto topics = c.run({"topicList", "--json"});
    REQUIRE(topics.code == 0);
    const auto topic_count = parse_json(topics.out).find("topics")->if_array()->size();
    REQUIRE(topic_count > 1);
    auto json = c.run({"wipeWritePerm", "-b", "broker-a", "--json"});
    REQUIRE(json.code == 0);
    auto result = parse_json(json.out);
    CHECK(*result.find("brokerName")->if_string() == "broker-a");
    const auto& only = result.find("results")->if_array()->at(0);
    CHECK(*only.find("nameServer")->if_string() == c.namesrv_addr);
    CHECK(*only.find("ok")->if_bool());
    CHECK(*only.find("wipeTopicCount")->if_int() == static_cast<int64_t>(topic_count));
}

TEST_CASE("updateSubGroup and deleteSubGroup manage the broker's groups") {
    Cluster c;
    auto r = c.run({"updateSubGroup", "-b", c.broker_addr, "-g", "CG1", "-r", "3"}, false);
    REQUIRE(r.code == 0);
    CHECK(contains(r.out, "create subscription group to " + c.broker_addr + " success.\n"));
    CHECK(contains(r.out,
                   "SubscriptionGroupConfig [groupName=CG1, consumeEnable=true, "
                   "consumeFromMinEnable=false, consumeBroadcastEnable=false, "
                   "retryQueueNums=1, retryMaxTimes=3,"));
    auto all = c.call(c.broker_addr, RemotingCommand::request(proto::to_int(
                                         proto::RequestCode::GET_ALL_SUBSCRIPTIONGROUP_CONFIG)));
    CHECK(contains(all.body, "\"CG1\""));

    REQUIRE(c.run({"updateSubGroup", "-c", "DefaultCluster", "-g", "CG2"}).code == 0);
    auto del = c.run({"deleteSubGroup", "-b", c.broker_addr, "-g", "CG1"});
    REQUIRE(del.code == 0);
    CHECK(del.out
          == "delete subscription group [CG1] from broker [" + c.broker_addr + "] success.\n");
    auto del2 = c.run({"deleteSubGroup", "-c", "DefaultCluster", "-g", "CG2"});
    REQUIRE(del2.code == 0);
    CHECK(del2.err.empty());
    CHECK(contains(del2.out, "delete topic [%RETRY%CG2] from NameServer success.\n"));
    CHECK(contains(del2.out, "delete topic [%DLQ%CG2] from NameServer success.\n"));
    CHECK(contains(del2.out, "delete subscription group [CG2] from broker [" + c.broker_addr
                                 + "] in cluster [DefaultCluster] success.\n"));
    all = c.call(c.broker_addr, RemotingCommand::request(proto::to_int(
                                    proto::RequestCode::GET_ALL_SUBSCRIPTIONGROUP_CONFIG)));
    CHECK_FALSE(contains(all.body, "\"CG1\""));
    CHECK_FALSE(contains(all.body, "\"CG2\""));
}

TEST_CASE("getBrokerConfig prints the broker's settings and updateBrokerConfig changes one") {
    Cluster c;
    auto r = c.run({"getBrokerConfig", "-b", c.broker_addr});
    REQUIRE(r.code == 0);
    CHECK(r.out.rfind("============" + c.broker_addr + "============\n", 0) == 0);
    CHECK(contains(r.out, "brokerName                                        =  broker-a\n"));

    auto cl = c.run({"getBrokerConfig", "-c", "DefaultCluster"});
    REQUIRE(cl.code == 0);
    CHECK(cl.out.rfind("============Master: " + c.broker_addr + "============\n", 0) == 0);

    auto up = c.run(
        {"updateBrokerConfig", "-b", c.broker_addr, "-k", "flushIntervalCommitLog", "-v", "700"});
    REQUIRE(up.code == 0);
    CHECK(up.out == "update broker config success, " + c.broker_addr + "\n");
    auto after = c.run({"getBrokerConfig", "-b", c.broker_addr, "--json"});
    REQUIRE(after.code == 0);
    auto result = parse_json(after.out);
    const auto* config = result.find("brokers")->if_array()->at(0).find("config");
    REQUIRE(config);
    CHECK(*config->find("flushIntervalCommitLog")->if_string() == "700");
    std::ifstream file(c.broker_config_file);
    std::string saved((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    CHECK(contains(saved, "flushIntervalCommitLog=700"));

    auto refused = c.run(
        {"updateBrokerConfig", "-b", c.broker_addr, "-k", "brokerConfigPath", "-v", "/tmp/x"});
    CHECK(refused.code == 1);
    CHECK(contains(refused.err, "UPDATE_BROKER_CONFIG"));
    CHECK(contains(refused.err, c.broker_addr));
}

TEST_CASE("clusterList and brokerStatus show the broker's runtime info") {
    Cluster c;
    auto r = c.run({"clusterList"});
    REQUIRE(r.code == 0);
    CHECK(r.err.empty());
    CHECK(r.out.rfind("#Cluster Name     #Broker Name            #BID  #Addr", 0) == 0);
    CHECK(contains(r.out, "DefaultCluster    broker-a                0     " + c.broker_addr));
    CHECK(contains(r.out, "V4_9_8"));

    auto more = c.run({"clusterList", "-m"});
    REQUIRE(more.code == 0);
    CHECK(contains(more.out, "#InTotalYest"));

    auto status = c.run({"brokerStatus", "-b", c.broker_addr}, false);
    REQUIRE(status.code == 0);
    CHECK(contains(status.out, "brokerVersionDesc               : V4_9_8\n"));
    auto by_cluster = c.run({"brokerStatus", "-c", "DefaultCluster"});
    REQUIRE(by_cluster.code == 0);
    CHECK(contains(by_cluster.out, c.broker_addr));
    CHECK(contains(by_cluster.out, "brokerVersionDesc"));
}

TEST_CASE("topicStatus lists the topic's queues") {
    Cluster c;
    REQUIRE(c.run({"updateTopic", "-c", "DefaultCluster", "-t", "S", "-w", "2", "-r", "2"}).code
            == 0);
    c.sync_routes();
    auto r = c.run({"topicStatus", "-t", "S"});
    REQUIRE(r.code == 0);
    CHECK(r.out.rfind("#Broker Name                      #QID  #Min Offset", 0) == 0);
    CHECK(contains(r.out, "broker-a                          0     0"));
    CHECK(contains(r.out, "broker-a                          1     0"));
    auto json = c.run({"topicStatus", "-t", "S", "--json"});
    REQUIRE(json.code == 0);
    CHECK(parse_json(json.out).find("queues")->if_array()->size() == 2);
}

TEST_CASE("consumerConnection and producerConnection show the clients of a group") {
    Cluster c;
    auto hb = test::heartbeat_request({.client_id = "10.0.0.9@77", .producer_group = "PG"});
    REQUIRE(c.call(c.broker_addr, std::move(hb)).code == 0);
    c.sync_routes();

    auto r = c.run({"consumerConnection", "-g", "CG"});
    REQUIRE(r.code == 0);
    CHECK(contains(r.out, "#ClientId"));
    CHECK(contains(r.out, "10.0.0.9@77"));
    CHECK(contains(r.out, "JAVA       V4_9_8"));
    CHECK(contains(r.out, "TopicTest            *\n"));
    CHECK(contains(r.out, "ConsumeType: CONSUME_PASSIVELY\n"));
    CHECK(contains(r.out, "MessageModel: CLUSTERING\n"));

    auto direct = c.run({"consumerConnection", "-g", "CG", "-b", c.broker_addr, "--json"});
    REQUIRE(direct.code == 0);
    CHECK(parse_json(direct.out).find("connectionSet")->if_array()->size() == 1);

    auto nobody = c.run({"consumerConnection", "-g", "Nobody", "-b", c.broker_addr});
    CHECK(nobody.code == 1);
    CHECK(contains(nobody.err, "CONSUMER_NOT_ONLINE"));

    REQUIRE(c.run({"updateTopic", "-c", "DefaultCluster", "-t", "TopicTest"}).code == 0);
    c.sync_routes();
    // topicList -c asks a master which groups consume each topic.
    auto by_cluster = c.run({"topicList", "-c"});
    REQUIRE(by_cluster.code == 0);
    CHECK(contains(by_cluster.out, left_pad("TopicTest", 64) + "  CG"));
    CHECK_FALSE(contains(by_cluster.out, "%RETRY%CG"));

    auto p = c.run({"producerConnection", "-g", "PG", "-t", "TopicTest"});
    REQUIRE(p.code == 0);
    CHECK(p.out.rfind("0001  10.0.0.9@77", 0) == 0);
    CHECK(contains(p.out, " JAVA     V4_9_8\n"));
}

TEST_CASE("failures: no name server, unreachable address") {
    Cluster c;
    auto missing = c.run({"topicList"}, false);
    CHECK(missing.code == 2);
    CHECK(contains(missing.err, "NAMESRV_ADDR"));

    auto unreachable = c.run({"topicList", "-n", "127.0.0.1:1"}, false);
    CHECK(unreachable.code == 1);
    CHECK(contains(unreachable.err, "127.0.0.1:1"));
    CHECK(std::count(unreachable.err.begin(), unreachable.err.end(), '\n') == 1);

    auto broker_down = c.run({"updateTopic", "-b", "127.0.0.1:1", "-t", "T"}, false);
    CHECK(broker_down.code == 1);
    CHECK(contains(broker_down.err, "UPDATE_AND_CREATE_TOPIC to 127.0.0.1:1 failed"));

    auto refused = c.run({"updateTopic", "-b", c.broker_addr, "-t", "bad topic"}, false);
    CHECK(refused.code == 1);
    CHECK(contains(refused.err, "SYSTEM_ERROR (1)"));
    CHECK(contains(refused.err, "illegal characters"));
}
