// The admin API against a real name server and broker (ours, or Java's with
// RMQ_CLIENT_TEST_BROKER=java): what a service that manages topics and watches consumers sees.
#include "rocketmq/admin.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_future.hpp>
#include <cstdlib>
#include <thread>

#include "client_fixture.hpp"
#include "rocketmq/producer.hpp"

using namespace std::chrono_literals;
using rocketmq::Admin;
using rocketmq::AdminPullStatus;
using rocketmq::ErrorKind;

namespace {

using Cluster = rmq::test::ClientCluster;

/// Retries `op` until it succeeds or `limit` passes: brokers register a new topic and build
/// their key index moments after they answer.
template <class MakeOp>
auto eventually(Admin& admin, MakeOp make_op, std::chrono::milliseconds limit = 10s) {
    const auto until = std::chrono::steady_clock::now() + limit;
    auto result = admin.blocking(make_op());
    while (!result && std::chrono::steady_clock::now() < until) {
        std::this_thread::sleep_for(50ms);
        result = admin.blocking(make_op());
    }
    return result;
}

}  // namespace

TEST_CASE(
    "the admin API creates a topic, reads its route, offsets and messages, and a group's "
    "progress") {
    Cluster c;
    Admin admin(c.client("admin"));
    REQUIRE(admin.name_servers() == std::vector<std::string>{c.ns.addr});

    auto cluster = admin.blocking(admin.cluster_info());
    REQUIRE(cluster);
    const auto* broker = cluster->broker_addr_table.find("broker-a");
    REQUIRE(broker);
    CHECK(broker->broker_addrs.at(0) == c.broker.addr);

    rmq::body::TopicConfig config;
    config.topic_name = "AdminTopic";
    config.read_queue_nums = 2;
    config.write_queue_nums = 2;
    REQUIRE(admin.blocking(admin.create_topic(c.broker.addr, config)));
    auto route = eventually(admin, [&] { return admin.topic_route("AdminTopic"); });
    REQUIRE(route);
    REQUIRE(route->queue_datas.size() == 1);
    CHECK(route->queue_datas[0].write_queue_nums == 2);

    rocketmq::ProducerOptions producer_options;
    producer_options.group = "AdminPG";
    rocketmq::Producer producer(producer_options, c.client("producer"));
    REQUIRE(producer.start());
    const rocketmq::MessageQueue queue1{"AdminTopic", "broker-a", 1};
    for (int i = 0; i < 3; ++i) {
        rocketmq::Message m("AdminTopic", "T", "admin-key-" + std::to_string(i),
                            "body-" + std::to_string(i));
        REQUIRE(producer.send_blocking(
            std::move(m), [&](const auto&, const rocketmq::Message&) { return queue1; }));
    }
    producer.shutdown_blocking();

    // Queues are written moments after the send is acknowledged (Java's reput thread too).
    auto all_three = eventually(admin, [&]() -> boost::asio::awaitable<rocketmq::Result<int64_t>> {
        auto max = co_await admin.max_offset(c.broker.addr, "AdminTopic", 1);
        if (max && *max < 3)
            co_return rocketmq::Error{ErrorKind::bad_response, -1, {}, {}, "not dispatched yet"};
        co_return max;
    });
    REQUIRE(all_three);
    CHECK(*all_three == 3);
    CHECK(admin.blocking(admin.min_offset(c.broker.addr, "AdminTopic", 1)).value() == 0);
    auto stats = admin.blocking(admin.topic_stats(c.broker.addr, "AdminTopic"));
    REQUIRE(stats);
    const auto* queue_stats =
        stats->offset_table.find(rmq::body::MessageQueue{"AdminTopic", "broker-a", 1});
    REQUIRE(queue_stats);
    CHECK(queue_stats->max_offset == 3);

    // The messages as a tool reads them: a pull, by commit-log offset, by key.
    auto pulled = admin.blocking(admin.pull(c.broker.addr, "AdminTopic", 1, 0, 32));
    REQUIRE(pulled);
    REQUIRE(pulled->status == AdminPullStatus::found);
    REQUIRE(pulled->messages.size() == 3);
    CHECK(pulled->messages[2].body == "body-2");
    auto viewed =
        admin.blocking(admin.view_message(c.broker.addr, pulled->messages[1].commit_log_offset));
    REQUIRE(viewed);
    CHECK(viewed->body == "body-1");
    auto found = eventually(admin, [&]() -> boost::asio::awaitable<rocketmq::Result<bool>> {
        auto messages = co_await admin.query_messages(c.broker.addr, "AdminTopic", "admin-key-2",
                                                      32, 0, INT64_MAX, false);
        if (!messages) co_return messages.error();
        for (const auto& m : *messages)
            if (m.body == "body-2") co_return true;
        co_return rocketmq::Error{ErrorKind::bad_response, -1, {}, {}, "not indexed yet"};
    });
    CHECK(found);
    auto past_end = admin.blocking(admin.pull(c.broker.addr, "AdminTopic", 1, 3, 32));
    REQUIRE(past_end);
    CHECK(past_end->status == AdminPullStatus::no_new_msg);

    // A group's progress, written as resetOffsetByTime does for an offline group.
    REQUIRE(admin.blocking(admin.update_consumer_offset(
        c.broker.addr, rmq::body::MessageQueue{"AdminTopic", "broker-a", 1}, "AdminGroup", 2)));
    auto progress = eventually(admin, [&]() -> boost::asio::awaitable<rocketmq::Result<int64_t>> {
        auto consume = co_await admin.consume_stats(c.broker.addr, "AdminGroup", "AdminTopic");
        if (!consume) co_return consume.error();
        const auto* offsets =
            consume->offset_table.find(rmq::body::MessageQueue{"AdminTopic", "broker-a", 1});
        if (!offsets || offsets->consumer_offset != 2)
            co_return rocketmq::Error{ErrorKind::bad_response, -1, {}, {}, "not committed yet"};
        co_return offsets->broker_offset - offsets->consumer_offset;
    });
    REQUIRE(progress);
    CHECK(*progress == 1);

    // Subscription groups and broker configuration.
    rmq::body::SubscriptionGroupConfig group;
    group.group_name = "AdminGroup";
    group.retry_max_times = 3;
    REQUIRE(admin.blocking(admin.create_subscription_group(c.broker.addr, group)));
    auto properties = admin.blocking(admin.broker_config(c.broker.addr));
    REQUIRE(properties);
    bool named = false;
    for (const auto& [key, value] : *properties)
        named = named || (key == "brokerName" && value == "broker-a");
    CHECK(named);
    auto runtime = admin.blocking(admin.runtime_info(c.broker.addr));
    if (runtime) {
        CHECK(runtime->table.find("brokerVersionDesc") != nullptr);
    } else {
        // Java's broker refuses until its first statistics sample, a minute after start.
        CHECK(runtime.error().response_code == 1);
        CHECK_THAT(runtime.error().remark, Catch::Contains("NoSuchElementException"));
    }

    REQUIRE(admin.blocking(admin.delete_topic_in_broker(c.broker.addr, "AdminTopic")));
    REQUIRE(admin.blocking(admin.delete_topic_in_name_server(c.ns.addr, "AdminTopic", "")));
    auto gone = admin.blocking(admin.topic_route("AdminTopic"));
    REQUIRE_FALSE(gone);
    CHECK(gone.error().response_code == 17);  // TOPIC_NOT_EXIST
}

TEST_CASE("admin failures say what the server answered, or that none could be reached") {
    Cluster c;
    Admin admin(c.client("admin"));
    auto missing = admin.blocking(admin.topic_route("NoSuchTopic"));
    REQUIRE_FALSE(missing);
    CHECK(missing.error().kind == ErrorKind::broker_refused);
    CHECK(missing.error().response_code == 17);
    CHECK(missing.error().server == c.ns.addr);
    CHECK_THAT(missing.error().reason,
               Catch::Contains("GET_ROUTEINFO_BY_TOPIC to " + c.ns.addr + " refused"));
    CHECK_THAT(missing.error().remark, Catch::Contains("NoSuchTopic"));

    // A refused broker request names the request and the broker.
    auto offsets = admin.blocking(admin.consume_stats(c.broker.addr, "NoSuchGroup", std::nullopt));
    if (!offsets) CHECK(offsets.error().server == c.broker.addr);

    // The first name server is down: the next one answers.
    rocketmq::ClientOptions two = c.client("two");
    two.namesrv_addr = "127.0.0.1:1;" + c.ns.addr;
    Admin failover(two);
    CHECK(failover.blocking(failover.cluster_info()));

    rocketmq::ClientOptions dead = c.client("dead");
    dead.namesrv_addr = "127.0.0.1:1";
    dead.client_api_timeout = 1s;
    Admin unreachable(dead);
    auto none = unreachable.blocking(unreachable.topic_list());
    REQUIRE_FALSE(none);
    CHECK(none.error().kind == ErrorKind::network);
    CHECK_THAT(none.error().reason, Catch::Contains("no name server answered"));

    // Blocking on the admin's own thread would deadlock: refused instead.
    auto nested = boost::asio::co_spawn(
        admin.executor(),
        [&]() -> boost::asio::awaitable<rocketmq::Result<rmq::body::ClusterInfo>> {
            co_return admin.blocking(admin.cluster_info());
        },
        boost::asio::use_future);
    auto refused = nested.get();
    REQUIRE_FALSE(refused);
    CHECK(refused.error().kind == ErrorKind::invalid_state);
}
