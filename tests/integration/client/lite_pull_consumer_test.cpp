// The lite pull consumer and the low-level pull against a real name server and broker.
#include "rocketmq/lite_pull_consumer.hpp"

#include <algorithm>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <set>

#include "client_fixture.hpp"
#include "rocketmq/producer.hpp"

using namespace std::chrono_literals;
using rocketmq::LitePullConsumer;
using rocketmq::LitePullConsumerOptions;
using rocketmq::Message;

namespace {

void send_to_queue0(const rmq::test::ClientCluster& c, const std::string& topic, int n) {
    rocketmq::ProducerOptions o;
    o.group = "PG";
    rocketmq::Producer producer(o, c.client());
    REQUIRE(producer.start());
    for (int i = 0; i < n; ++i)
        REQUIRE(producer.send_blocking(
            Message(topic, "m-" + std::to_string(i)),
            [](const auto& queues, const Message&) { return queues.front(); }));
    // The broker created the topic on the first send and registers it with the name server
    // asynchronously (as 4.9.8 does, oneway): a route lookup right now may still miss it.
    rmq::remoting::RemotingClient raw;
    REQUIRE(rmq::test::wait_for_route(raw, c.ns.addr, topic, [](int code) { return code == 0; })
            == 0);
}

std::vector<std::string> poll_bodies(LitePullConsumer& consumer, size_t n,
                                     std::chrono::milliseconds timeout = 20s) {
    std::vector<std::string> bodies;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (bodies.size() < n && std::chrono::steady_clock::now() < deadline)
        for (auto& m : consumer.poll_blocking(1s))
            bodies.push_back(m.body);
    return bodies;
}

}  // namespace

TEST_CASE("lite pull: subscribe, poll everything, commit, and resume after a restart") {
    rmq::test::ClientCluster c;
    send_to_queue0(c, "Lite", 30);
    LitePullConsumerOptions options;
    options.group = "LPG";
    options.consume_from_where = rocketmq::ConsumeFromWhere::first_offset;
    options.auto_commit = false;
    {
        LitePullConsumer consumer(options, c.client());
        REQUIRE(consumer.subscribe("Lite"));
        REQUIRE(consumer.start_blocking());
        auto bodies = poll_bodies(consumer, 30);
        REQUIRE(bodies.size() == 30);
        for (int i = 0; i < 30; ++i)
            CHECK(bodies[static_cast<size_t>(i)] == "m-" + std::to_string(i));
        auto committed = consumer.commit_sync_blocking();
        INFO((committed ? "" : committed.error().message()));
        REQUIRE(committed);
    }
    send_to_queue0(c, "Lite", 3);
    LitePullConsumer consumer(options, c.client());
    REQUIRE(consumer.subscribe("Lite"));
    REQUIRE(consumer.start_blocking());
    auto bodies = poll_bodies(consumer, 3);
    CHECK(bodies == std::vector<std::string>{"m-0", "m-1", "m-2"});  // the new three only
    CHECK(consumer.poll_blocking(500ms).empty());
}

TEST_CASE("lite pull: assign a queue, seek back, and pull at an offset") {
    rmq::test::ClientCluster c;
    send_to_queue0(c, "Seek", 10);
    LitePullConsumerOptions options;
    options.group = "LPG-seek";
    options.consume_from_where = rocketmq::ConsumeFromWhere::first_offset;
    LitePullConsumer consumer(options, c.client());
    boost::asio::io_context io;
    auto run = [&](auto op) {
        io.restart();
        auto f = boost::asio::co_spawn(io, std::move(op), boost::asio::use_future);
        io.run();
        return f.get();
    };
    auto queues = run(consumer.fetch_message_queues("Seek"));
    INFO((queues ? std::string() : queues.error().message()));
    REQUIRE(queues);
    REQUIRE(queues->size() == 4);
    const auto queue0 = queues->front();
    REQUIRE(consumer.assign({queue0}));
    REQUIRE(consumer.start_blocking());
    CHECK(poll_bodies(consumer, 10).size() == 10);

    auto sought = run(consumer.seek(queue0, 7));
    INFO((sought ? "" : sought.error().message()));
    REQUIRE(sought);
    CHECK(poll_bodies(consumer, 3) == std::vector<std::string>{"m-7", "m-8", "m-9"});
    auto bad = run(consumer.seek(queue0, 99));
    REQUIRE_FALSE(bad);
    CHECK(bad.error().reason.find("seek offset illegal") != std::string::npos);

    auto pulled = consumer.pull_blocking(queue0, "*", 4, 2);
    REQUIRE(pulled);
    CHECK(pulled->status == rocketmq::PullStatus::found);
    REQUIRE(pulled->messages.size() == 2);
    CHECK(pulled->messages[0].body == "m-4");
    CHECK(pulled->next_begin_offset == 6);
    CHECK(pulled->max_offset == 10);
    auto past_end = consumer.pull_blocking(queue0, "*", 10, 2);
    REQUIRE(past_end);
    CHECK(past_end->status == rocketmq::PullStatus::no_new_msg);
}

TEST_CASE("lite pull: a SQL92 selector polls only the messages it selects") {
    rmq::test::ClientCluster c({"enablePropertyFilter=true"});
    {
        rocketmq::ProducerOptions o;
        o.group = "PG";
        rocketmq::Producer producer(o, c.client());
        REQUIRE(producer.start());
        for (int i = 0; i < 12; ++i) {
            Message m("LiteSql", "m-" + std::to_string(i));
            m.set_property("region", i % 3 == 0 ? "eu" : "us");
            REQUIRE(producer.send_blocking(m));
        }
    }
    LitePullConsumerOptions options;
    options.group = "LPG-sql";
    options.consume_from_where = rocketmq::ConsumeFromWhere::first_offset;
    LitePullConsumer consumer(options, c.client());
    REQUIRE(consumer.subscribe("LiteSql", rocketmq::MessageSelector::by_sql("region = 'eu'")));
    REQUIRE(consumer.start_blocking());
    auto bodies = poll_bodies(consumer, 4);
    std::sort(bodies.begin(), bodies.end());
    CHECK(bodies == std::vector<std::string>{"m-0", "m-3", "m-6", "m-9"});
    CHECK(consumer.poll_blocking(500ms).empty());
}
