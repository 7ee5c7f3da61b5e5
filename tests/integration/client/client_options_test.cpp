// Where the client finds its name servers (code, the rocketmq.namesrv.addr property, the HTTP
// address service), and namespaces: what a user configures, checked end to end.
#include "client_fixture.hpp"
#include "rocketmq/producer.hpp"
#include "rocketmq/push_consumer.hpp"

using namespace std::chrono_literals;
using rocketmq::Message;

namespace {

rocketmq::ProducerOptions producer_options() {
    rocketmq::ProducerOptions o;
    o.group = "PG";
    return o;
}

}  // namespace

TEST_CASE("the name servers come from the HTTP address service when nothing else names them") {
    if (!rmq::test::java_reference_launcher().empty()) return;  // our name server serves HTTP
    rmq::test::TempDir dir;
    const int http_port = rmq::test::free_port_block();
    auto ns = rmq::test::start_namesrv(dir, "ns", {"httpListenPort=" + std::to_string(http_port)});
    REQUIRE(ns.log().find("address service on http port") != std::string::npos);
    auto broker = rmq::test::start_broker(dir, "broker-a", ns.addr);
    rocketmq::ClientOptions client;
    client.namesrv_domain = "127.0.0.1:" + std::to_string(http_port);  // GET /rocketmq/nsaddr
    rocketmq::Producer producer(producer_options(), client);
    REQUIRE(producer.start());
    auto sent = producer.send_blocking(Message("ViaHttp", "x"));
    INFO((sent ? "" : sent.error().message()));
    CHECK(sent);
}

TEST_CASE("rocketmq.namesrv.addr is used when the code gives no address, and code wins over it") {
    rmq::test::ClientCluster c;
    rocketmq::set_system_property("rocketmq.namesrv.addr", c.ns.addr);
    {
        rocketmq::Producer producer(producer_options(), rocketmq::ClientOptions{});
        REQUIRE(producer.start());
        CHECK(producer.send_blocking(Message("ViaProperty", "x")));
    }
    rocketmq::ClientOptions wrong;
    wrong.namesrv_addr = "127.0.0.1:1";
    wrong.client_api_timeout = 500ms;
    rocketmq::ProducerOptions quick = producer_options();
    quick.send_msg_timeout = 1000ms;
    rocketmq::Producer producer(quick, wrong);
    REQUIRE(producer.start());
    auto sent = producer.send_blocking(Message("ViaProperty", "x"));
    REQUIRE_FALSE(sent);
    CHECK(sent.error().server == "127.0.0.1:1");
    rocketmq::set_system_property("rocketmq.namesrv.addr", "");
}

TEST_CASE("a namespace prefixes topics and groups on the broker, and consumers see plain topics") {
    rmq::test::ClientCluster c;
    auto client = c.client();
    client.name_space = "tenant1";
    rocketmq::Producer producer(producer_options(), client);
    REQUIRE(producer.start());
    auto sent = producer.send_blocking(Message("Orders", "in-a-namespace"));
    REQUIRE(sent);
    CHECK(sent->queue.topic == "Orders");

    // Stored under the wrapped name: a plain pull of "tenant1%Orders" finds it.
    rmq::remoting::RemotingClient raw;
    CHECK(rmq::test::wait_for_max_offset(raw, c.broker.addr, "tenant1%Orders", sent->queue.queue_id,
                                         1)
          == 1);

    rmq::test::Received got;
    rocketmq::PushConsumerOptions o;
    o.group = "CG";
    o.consume_from_where = rocketmq::ConsumeFromWhere::first_offset;
    rocketmq::PushConsumer consumer(o, client);
    REQUIRE(consumer.subscribe("Orders"));
    consumer.set_listener(
        [&](std::span<const rocketmq::ReceivedMessage> batch, rocketmq::ConsumeContext&) {
            for (const auto& m : batch)
                got.add(m);
            return rocketmq::ConsumeResult::success;
        });
    REQUIRE(consumer.start_blocking());
    REQUIRE(got.wait_for_count(1, 20s));
    CHECK(got.snapshot()[0].topic == "Orders");
    CHECK(got.snapshot()[0].body == "in-a-namespace");
}
