// The push consumer against a real name server and broker: tag and SQL92 filtering, rebalance
// between group members, retries reaching the dead-letter queue, orderly and broadcast
// consumption, and offsets resumed by a new consumer of the group.
#include "rocketmq/push_consumer.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <numeric>
#include <set>

#include "client_fixture.hpp"
#include "rocketmq/producer.hpp"

using namespace std::chrono_literals;
using rocketmq::ConsumeResult;
using rocketmq::Message;
using rocketmq::PushConsumer;
using rocketmq::PushConsumerOptions;
using rocketmq::ReceivedMessage;

namespace {

rocketmq::Producer started_producer(const rmq::test::ClientCluster& c) {
    rocketmq::ProducerOptions o;
    o.group = "PG";
    return rocketmq::Producer(o, c.client());
}

PushConsumerOptions consumer_options(std::string group) {
    PushConsumerOptions o;
    o.group = std::move(group);
    o.consume_from_where = rocketmq::ConsumeFromWhere::first_offset;
    return o;
}

void send_all(rocketmq::Producer& producer, const std::string& topic, int n,
              const std::string& prefix = "m-", const std::string& tags = "") {
    for (int i = 0; i < n; ++i) {
        auto sent = producer.send_blocking(Message(topic, tags, prefix + std::to_string(i)));
        INFO((sent ? "" : sent.error().message()));
        REQUIRE(sent);
    }
}

}  // namespace

TEST_CASE("a push consumer gets exactly the messages of its tags, with their properties") {
    rmq::test::ClientCluster c;
    auto producer = started_producer(c);
    REQUIRE(producer.start());
    for (int i = 0; i < 20; ++i) {
        Message m("Tagged", i % 2 ? "TagB" : "TagA", "key-" + std::to_string(i),
                  "body-" + std::to_string(i));
        m.set_property("seq", std::to_string(i));
        REQUIRE(producer.send_blocking(m));
    }
    rmq::test::Received received;
    PushConsumer consumer(consumer_options("CG-tags"), c.client());
    REQUIRE(consumer.subscribe("Tagged", "TagA || TagC"));
    consumer.set_listener(collect_into(received));
    auto started = consumer.start_blocking();
    INFO((started ? "" : started.error().message()));
    REQUIRE(started);
    REQUIRE(received.wait_for_count(10, 20s));
    std::this_thread::sleep_for(500ms);  // nothing else may arrive
    const auto all = received.snapshot();
    CHECK(all.size() == 10);
    for (const auto& m : all) {
        CHECK(m.tags() == "TagA");
        CHECK(m.topic == "Tagged");
        const int seq = std::stoi(std::string(m.property("seq")));
        CHECK(seq % 2 == 0);
        CHECK(m.body == "body-" + std::to_string(seq));
        CHECK(m.keys() == "key-" + std::to_string(seq));
        CHECK(m.msg_id.size() == 32);
        CHECK(m.broker_name == "broker-a");
    }
}

TEST_CASE("two consumers of a group share the queues, and one leaving hands its queues over") {
    rmq::test::ClientCluster c;
    auto producer = started_producer(c);
    REQUIRE(producer.start());
    send_all(producer, "Shared", 8, "before-");

    rmq::test::Received first_got, second_got;
    auto first = std::make_unique<PushConsumer>(consumer_options("CG-shared"), c.client());
    PushConsumer second(consumer_options("CG-shared"), c.client());
    REQUIRE(first->subscribe("Shared"));
    REQUIRE(second.subscribe("Shared"));
    first->set_listener(collect_into(first_got));
    second.set_listener(collect_into(second_got));
    REQUIRE(first->start_blocking());
    REQUIRE(second.start_blocking());

    // Both hold queues once the group has settled: no queue twice, every queue once.
    auto queues_of = [](PushConsumer& consumer) {
        boost::asio::io_context io;
        auto f = boost::asio::co_spawn(io, consumer.assigned_queues(), boost::asio::use_future);
        io.run();
        auto queues = f.get();
        std::erase_if(queues, [](const auto& q) { return q.topic != "Shared"; });
        return queues;
    };
    const auto deadline = std::chrono::steady_clock::now() + 30s;
    std::vector<rocketmq::MessageQueue> a, b;
    while (std::chrono::steady_clock::now() < deadline) {
        a = queues_of(*first);
        b = queues_of(second);
        if (a.size() == 2 && b.size() == 2) break;
        std::this_thread::sleep_for(100ms);
    }
    REQUIRE(a.size() == 2);
    REQUIRE(b.size() == 2);
    std::set<rocketmq::MessageQueue> all(a.begin(), a.end());
    all.insert(b.begin(), b.end());
    CHECK(all.size() == 4);

    first->shutdown_blocking();
    first.reset();
    send_all(producer, "Shared", 8, "after-");
    // Everything sent after the first consumer left reaches the second one.
    REQUIRE(second_got.wait(
        [](const auto& got) {
            return std::count_if(got.begin(), got.end(),
                                 [](const auto& m) { return m.body.starts_with("after-"); })
                   == 8;
        },
        40s));
    std::set<std::string> before;
    for (const auto& body : first_got.bodies())
        if (body.starts_with("before-")) before.insert(body);
    for (const auto& body : second_got.bodies())
        if (body.starts_with("before-")) before.insert(body);
    CHECK(before.size() == 8);  // nothing lost in the hand-over
}

TEST_CASE("a failing message is retried with a growing reconsume count, then dead-lettered") {
    rmq::test::ClientCluster c(
        {"messageDelayLevel=1s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s 1s"});
    auto producer = started_producer(c);
    REQUIRE(producer.start());
    REQUIRE(producer.send_blocking(Message("Flaky", "poison")));

    rmq::test::Received attempts;
    auto options = consumer_options("CG-retry");
    options.max_reconsume_times = 2;
    PushConsumer consumer(options, c.client());
    REQUIRE(consumer.subscribe("Flaky"));
    consumer.set_listener(collect_into(attempts, ConsumeResult::reconsume_later));
    REQUIRE(consumer.start_blocking());
    // First delivery, then two retries (reconsume times 1 and 2), then the DLQ.
    REQUIRE(attempts.wait_for_count(3, 40s));
    const auto tries = attempts.snapshot();
    CHECK(tries[0].reconsume_times == 0);
    CHECK(tries[1].reconsume_times == 1);
    CHECK(tries[2].reconsume_times == 2);
    for (const auto& m : tries) {
        CHECK(m.body == "poison");
        CHECK(m.topic == "Flaky");  // retries come back under the original topic
    }

    // The third send-back creates the DLQ topic just after the listener's answer; a consumer
    // started before its route exists would only learn it at the next 30 s route refresh.
    rmq::remoting::RemotingClient raw;
    REQUIRE(rmq::test::wait_for_route(raw, c.ns.addr, "%DLQ%CG-retry",
                                      [](int code) { return code == 0; })
            == 0);
    rmq::test::Received dead;
    PushConsumer dlq_reader(consumer_options("CG-dlq-reader"), c.client());
    REQUIRE(dlq_reader.subscribe("%DLQ%CG-retry"));
    dlq_reader.set_listener(collect_into(dead));
    REQUIRE(dlq_reader.start_blocking());
    REQUIRE(dead.wait_for_count(1, 30s));
    CHECK(dead.snapshot()[0].body == "poison");
    CHECK(attempts.snapshot().size() == 3);
}

TEST_CASE("an orderly listener sees each queue's messages in order, one batch at a time") {
    rmq::test::ClientCluster c;
    auto producer = started_producer(c);
    REQUIRE(producer.start());
    for (int order = 0; order < 4; ++order)
        for (int step = 0; step < 25; ++step)
            REQUIRE(producer.send_blocking(
                Message("Steps", std::to_string(order) + ":" + std::to_string(step)),
                rocketmq::select_by_hash("order-" + std::to_string(order))));

    std::mutex mutex;
    std::map<int, std::vector<int>> seen;
    std::atomic<int> concurrent{0}, max_concurrent_per_queue{0};
    rmq::test::Received all;
    PushConsumer consumer(consumer_options("CG-orderly"), c.client());
    REQUIRE(consumer.subscribe("Steps"));
    consumer.set_orderly_listener([&](std::span<const ReceivedMessage> batch,
                                      rocketmq::OrderlyContext&) {
        for (const auto& m : batch) {
            const auto colon = m.body.find(':');
            std::lock_guard lock(mutex);
            seen[std::stoi(m.body.substr(0, colon))].push_back(std::stoi(m.body.substr(colon + 1)));
            all.add(m);
        }
        return rocketmq::OrderlyResult::success;
    });
    REQUIRE(consumer.start_blocking());
    REQUIRE(all.wait_for_count(100, 30s));
    std::lock_guard lock(mutex);
    for (const auto& [order, steps] : seen) {
        std::vector<int> expected(25);
        std::iota(expected.begin(), expected.end(), 0);
        CHECK(steps == expected);
    }
}

TEST_CASE("broadcasting delivers every message to every member of the group") {
    rmq::test::ClientCluster c;
    auto producer = started_producer(c);
    REQUIRE(producer.start());
    send_all(producer, "News", 12);
    auto options = consumer_options("CG-broadcast");
    options.message_model = rocketmq::MessageModel::broadcasting;
    options.offset_store_dir = (c.dir.path() / "offsets").string();
    rmq::test::Received a_got, b_got;
    PushConsumer a(options, c.client("a")), b(options, c.client("b"));
    REQUIRE(a.subscribe("News"));
    REQUIRE(b.subscribe("News"));
    a.set_listener(collect_into(a_got));
    b.set_listener(collect_into(b_got));
    REQUIRE(a.start_blocking());
    REQUIRE(b.start_blocking());
    REQUIRE(a_got.wait_for_count(12, 20s));
    REQUIRE(b_got.wait_for_count(12, 20s));
    auto sorted = [](std::vector<std::string> v) {
        std::sort(v.begin(), v.end());
        return v;
    };
    CHECK(sorted(a_got.bodies()) == sorted(b_got.bodies()));
}

TEST_CASE("a new consumer of the group resumes after the committed offset") {
    rmq::test::ClientCluster c;
    auto producer = started_producer(c);
    REQUIRE(producer.start());
    send_all(producer, "Resume", 10, "old-");
    {
        rmq::test::Received got;
        PushConsumer consumer(consumer_options("CG-resume"), c.client());
        REQUIRE(consumer.subscribe("Resume"));
        consumer.set_listener(collect_into(got));
        REQUIRE(consumer.start_blocking());
        REQUIRE(got.wait_for_count(10, 20s));
        consumer.shutdown_blocking();  // commits the offsets
    }
    send_all(producer, "Resume", 5, "new-");
    rmq::test::Received got;
    PushConsumer consumer(consumer_options("CG-resume"), c.client());
    REQUIRE(consumer.subscribe("Resume"));
    consumer.set_listener(collect_into(got));
    REQUIRE(consumer.start_blocking());
    REQUIRE(got.wait_for_count(5, 20s));
    std::this_thread::sleep_for(1s);  // an old message would arrive by now
    for (const auto& body : got.bodies())
        CHECK(body.starts_with("new-"));
    CHECK(got.snapshot().size() == 5);
}

TEST_CASE("a push consumer with a SQL92 selector gets exactly the messages it selects") {
    rmq::test::ClientCluster c({"enablePropertyFilter=true"});
    auto producer = started_producer(c);
    REQUIRE(producer.start());
    for (int i = 0; i < 20; ++i) {
        Message m("Priced", i % 2 ? "TagB" : "TagA", "body-" + std::to_string(i));
        m.set_property("price", std::to_string(i * 10));
        REQUIRE(producer.send_blocking(m));
    }
    rmq::test::Received received;
    PushConsumer consumer(consumer_options("CG-sql"), c.client());
    REQUIRE(consumer.subscribe(
        "Priced", rocketmq::MessageSelector::by_sql("TAGS = 'TagA' AND price >= 100")));
    consumer.set_listener(collect_into(received));
    auto started = consumer.start_blocking();
    INFO((started ? "" : started.error().message()));
    REQUIRE(started);
    REQUIRE(received.wait_for_count(5, 20s));
    std::this_thread::sleep_for(500ms);  // nothing else may arrive
    std::set<std::string> bodies;
    for (const auto& m : received.snapshot())
        bodies.insert(m.body);
    CHECK(bodies == std::set<std::string>{"body-10", "body-12", "body-14", "body-16", "body-18"});
    CHECK(received.snapshot().size() == 5);
}

/// Why a consumer of `selector` on a topic of `c` could not start ("" if it could).
std::string sql_consumer_refusal(const rmq::test::ClientCluster& c, const std::string& selector) {
    auto producer = started_producer(c);
    REQUIRE(producer.start());
    send_all(producer, "Priced", 1);
    PushConsumer consumer(consumer_options("CG-refused-sql"), c.client());
    REQUIRE(consumer.subscribe("Priced", rocketmq::MessageSelector::by_sql(selector)));
    rmq::test::Received unused;
    consumer.set_listener(collect_into(unused));
    auto started = consumer.start_blocking();
    return started ? std::string() : started.error().message();
}

TEST_CASE("a SQL92 consumer does not start when the broker refuses its selector") {
    SECTION("a selector that does not compile") {
        rmq::test::ClientCluster c({"enablePropertyFilter=true"});
        CHECK(sql_consumer_refusal(c, "price >").find("SUBSCRIPTION_PARSE_FAILED")
              != std::string::npos);
    }
    SECTION("a broker without enablePropertyFilter") {
        rmq::test::ClientCluster c;
        CHECK(sql_consumer_refusal(c, "price > 1")
                  .find("does not support consumer to filter message by SQL92")
              != std::string::npos);
    }
}
