#include "route_info_manager.hpp"

#include "catch.hpp"
#include "proto/flags.hpp"

using namespace rmq::nameserver;
using namespace std::chrono_literals;

namespace {

Registration master(std::string name, std::string addr, std::vector<std::string> topics,
                    int64_t counter = 1, uint64_t channel = 1) {
    Registration r;
    r.cluster = "DefaultCluster";
    r.broker_name = std::move(name);
    r.broker_addr = std::move(addr);
    r.broker_id = 0;
    r.ha_server_addr = "10.0.0.1:10912";
    r.data_version = {1700000000000, counter};
    r.channel_id = channel;
    for (auto& t : topics)
        r.topics.push_back({t, 4, 4, 6, 0});
    return r;
}

}  // namespace

TEST_CASE("a registered master serves routes for its topics") {
    RouteInfoManager routes;
    routes.register_broker(master("broker-a", "10.0.0.1:10911", {"TopicA", "TopicB"}));
    auto route = routes.topic_route("TopicA");
    REQUIRE(route);
    REQUIRE(route->queues.size() == 1);
    CHECK(route->queues[0] == QueueInfo{"broker-a", 4, 4, 6, 0});
    REQUIRE(route->brokers.size() == 1);
    CHECK(route->brokers[0].addrs.at(0) == "10.0.0.1:10911");
    CHECK(route->brokers[0].cluster == "DefaultCluster");
    CHECK_FALSE(routes.topic_route("Unknown"));
    CHECK(routes.all_topics() == std::vector<std::string>{"TopicA", "TopicB"});
    CHECK(routes.topics_of_cluster("DefaultCluster").size() == 2);
    CHECK(routes.topics_of_cluster("Other").empty());
}

TEST_CASE("a slave learns its master and never changes queue data") {
    RouteInfoManager routes;
    routes.register_broker(master("broker-a", "10.0.0.1:10911", {"T"}));
    auto slave = master("broker-a", "10.0.0.2:10911", {"T", "SlaveOnly"});
    slave.broker_id = 1;
    slave.topics[0].perm = 2;
    slave.ha_server_addr = "10.0.0.2:10912";
    auto answer = routes.register_broker(slave);
    CHECK(answer.master_addr == "10.0.0.1:10911");
    CHECK(answer.ha_server_addr == "10.0.0.1:10912");
    CHECK(routes.topic_route("T")->queues[0].perm == 6);
    CHECK_FALSE(routes.topic_route("SlaveOnly"));
    CHECK(routes.cluster_info().brokers.at("broker-a").addrs.size() == 2);
}

TEST_CASE("queue data changes only with a new data version") {
    RouteInfoManager routes;
    routes.register_broker(master("broker-a", "10.0.0.1:10911", {"T"}, 1));
    auto same = master("broker-a", "10.0.0.1:10911", {"T"}, 1);
    same.topics[0].write_queue_nums = 8;
    routes.register_broker(same);
    CHECK(routes.topic_route("T")->queues[0].write_queue_nums == 4);
    auto newer = master("broker-a", "10.0.0.1:10911", {"T"}, 2);
    newer.topics[0].write_queue_nums = 8;
    routes.register_broker(newer);
    CHECK(routes.topic_route("T")->queues[0].write_queue_nums == 8);
    bool changed = false;
    auto stored = routes.query_data_version("10.0.0.1:10911", {1700000000000, 2}, changed);
    CHECK_FALSE(changed);
    REQUIRE(stored);
    CHECK(stored->counter == 2);
    routes.query_data_version("10.0.0.1:10911", {1700000000000, 3}, changed);
    CHECK(changed);
    routes.query_data_version("10.9.9.9:10911", {1, 1}, changed);
    CHECK(changed);
}

TEST_CASE("expiry, unregistration and a closed connection remove a broker and its topics") {
    RouteInfoManager routes;
    const auto t0 = RouteInfoManager::Clock::now();
    routes.register_broker(master("broker-a", "10.0.0.1:10911", {"Shared", "OnlyA"}, 1, 1), t0);
    routes.register_broker(master("broker-b", "10.0.0.2:10911", {"Shared"}, 1, 2), t0 + 100s);
    SECTION("expiry after 120 s of silence") {
        auto gone = routes.expire_brokers(120s, t0 + 121s);
        CHECK(gone == std::vector<std::string>{"10.0.0.1:10911"});
    }
    SECTION("unregistration") {
        routes.unregister_broker("DefaultCluster", "10.0.0.1:10911", "broker-a", 0);
    }
    SECTION("the connection closed") {
        routes.channel_closed(1);
    }
    CHECK_FALSE(routes.topic_route("OnlyA"));
    auto shared = routes.topic_route("Shared");
    REQUIRE(shared);
    REQUIRE(shared->queues.size() == 1);
    CHECK(shared->queues[0].broker_name == "broker-b");
    CHECK(routes.cluster_info().clusters.at("DefaultCluster") == std::set<std::string>{"broker-b"});
    CHECK(routes.live_broker_count() == 1);
}

TEST_CASE("a promoted slave replaces its old id") {
    RouteInfoManager routes;
    auto slave = master("broker-a", "10.0.0.2:10911", {"T"});
    slave.broker_id = 1;
    routes.register_broker(slave);
    auto promoted = master("broker-a", "10.0.0.2:10911", {"T"});
    routes.register_broker(promoted);
    auto addrs = routes.cluster_info().brokers.at("broker-a").addrs;
    CHECK(addrs.size() == 1);
    CHECK(addrs.at(0) == "10.0.0.2:10911");
}

TEST_CASE("delete topic, write permissions, system and unit topic lists") {
    RouteInfoManager routes;
    auto a = master("broker-a", "10.0.0.1:10911", {"T", "U"});
    a.topics[1].topic_sys_flag =
        rmq::proto::topic_sys_flag::kUnit | rmq::proto::topic_sys_flag::kUnitSub;
    routes.register_broker(a);
    auto b = master("broker-b", "10.0.0.2:10911", {"T"}, 1, 2);
    b.cluster = "Other";
    b.topics[0].topic_sys_flag = rmq::proto::topic_sys_flag::kUnitSub;
    routes.register_broker(b);

    CHECK(routes.wipe_write_perm("broker-a") == 2);
    CHECK(routes.topic_route("U")->queues[0].perm == rmq::proto::perm::kRead);
    CHECK(routes.add_write_perm("broker-a") == 2);
    CHECK(routes.topic_route("U")->queues[0].perm == 6);

    CHECK(routes.unit_topics() == std::vector<std::string>{"U"});
    CHECK(routes.has_unit_sub_topics() == std::vector<std::string>{"T", "U"});
    CHECK(routes.has_unit_sub_ununit_topics() == std::vector<std::string>{"T"});

    std::string addr;
    auto system = routes.system_topics(addr);
    CHECK(system == std::vector<std::string>{"DefaultCluster", "broker-a", "Other", "broker-b"});
    CHECK(addr == "10.0.0.1:10911");

    routes.delete_topic("T", "Other");
    CHECK(routes.topic_route("T")->queues.size() == 1);
    routes.delete_topic("T");
    CHECK_FALSE(routes.topic_route("T"));
}
