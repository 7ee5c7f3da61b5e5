// Request/reply against a real name server and broker: a request gets the reply a consumer
// sends back with make_reply() (awaited, by callback and blocking), a request nobody answers
// times out with a clear error, a reply whose requester went away gets the broker's answer, and
// replies are stored in the reply topic only while storeReplyMessageEnable is on.
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_future.hpp>
#include <future>
#include <thread>

#include "client_fixture.hpp"
#include "responder.hpp"
#include "rocketmq/admin.hpp"

using namespace std::chrono_literals;
using rocketmq::Message;

using rmq::test::start_responder;
using rmq::test::started_producer;

TEST_CASE("a request gets the reply its consumer sends back, awaited, by callback or blocking") {
    rmq::test::ClientCluster c;
    auto responder = started_producer(c, "PG-responder", "responder");
    auto requester = started_producer(c, "PG-requester");
    // The topic exists before the consumer subscribes, so its queues are balanced at once.
    REQUIRE(responder->send_blocking(Message("Requests", "warm-up")));
    auto consumer = start_responder(c, "Requests", *responder);

    auto reply = requester->request_blocking(Message("Requests", "ping-1"), 10s);
    INFO((reply ? "" : reply.error().message()));
    REQUIRE(reply);
    CHECK(reply->body == "reply-to-ping-1");
    CHECK(reply->topic.ends_with("_REPLY_TOPIC"));
    CHECK(reply->property("MSG_TYPE") == "reply");
    CHECK(reply->property("REPLY_TO_CLIENT") == requester->client_id());
    CHECK(reply->property("TTL") == "10000");
    CHECK(reply->property("CORRELATION_ID").size() == 36);
    CHECK_FALSE(reply->property("PUSH_REPLY_TIME").empty());
    CHECK_FALSE(reply->property("ARRIVE_TIME").empty());

    std::promise<rocketmq::Result<rocketmq::ReceivedMessage>> called;
    requester->request(
        Message("Requests", "ping-2"), 10s,
        [&](rocketmq::Result<rocketmq::ReceivedMessage> r) { called.set_value(std::move(r)); });
    auto by_callback = called.get_future().get();
    REQUIRE(by_callback);
    CHECK(by_callback->body == "reply-to-ping-2");

    auto awaited = boost::asio::co_spawn(requester->executor(),
                                         requester->request(Message("Requests", "ping-3"), 10s),
                                         boost::asio::use_future)
                       .get();
    REQUIRE(awaited);
    CHECK(awaited->body == "reply-to-ping-3");
}

TEST_CASE("a request nobody answers times out with a clear error") {
    rmq::test::ClientCluster c;
    auto requester = started_producer(c, "PG-requester");
    REQUIRE(requester->send_blocking(Message("Unanswered", "warm-up")));
    const auto started = std::chrono::steady_clock::now();
    auto reply = requester->request_blocking(Message("Unanswered", "hello?"), 1500ms);
    const auto waited = std::chrono::steady_clock::now() - started;
    REQUIRE_FALSE(reply);
    CHECK(reply.error().kind == rocketmq::ErrorKind::timeout);
    CHECK(reply.error().message().find("wait reply message timeout, 1500 ms") != std::string::npos);
    CHECK(waited >= 1400ms);
}

TEST_CASE("a reply whose requester went away gets the broker's answer") {
    rmq::test::ClientCluster c;
    auto responder = started_producer(c, "PG-responder", "responder");
    std::string gone_id;
    {
        auto gone = started_producer(c, "PG-gone", "gone");
        REQUIRE(gone->send_blocking(Message("Requests", "warm-up")));
        gone_id = gone->client_id();
        gone->shutdown_blocking();
    }
    rocketmq::ReceivedMessage request;
    request.set_property("CLUSTER", "DefaultCluster");
    request.set_property("CORRELATION_ID", "0f8fad5b-d9cb-469f-a165-70867728950e");
    request.set_property("REPLY_TO_CLIENT", gone_id);
    request.set_property("TTL", "3000");
    auto reply = rocketmq::make_reply(request, "too late");
    REQUIRE(reply);
    auto sent = responder->send_blocking(*reply);
    REQUIRE_FALSE(sent);
    CHECK(sent.error().kind == rocketmq::ErrorKind::broker_refused);
    CHECK(sent.error().response_code == 1);
    CHECK(sent.error().remark
          == "push reply message fail, channel of <" + gone_id + "> not found.");

    rocketmq::ReceivedMessage undelivered;
    CHECK_FALSE(rocketmq::make_reply(undelivered, "x"));  // no CLUSTER: not from a broker
}

TEST_CASE("replies are stored in the reply topic until storeReplyMessageEnable is switched off") {
    rmq::test::ClientCluster c;
    auto responder = started_producer(c, "PG-storing-responder", "responder");
    auto requester = started_producer(c, "PG-storing-requester");
    REQUIRE(responder->send_blocking(Message("StoredRequests", "warm-up")));
    std::atomic<int> answered{0};
    auto consumer = start_responder(c, "StoredRequests", *responder, &answered);
    rocketmq::Admin admin(c.client("reply-admin"));
    const auto set_storing = [&](const char* on) {
        REQUIRE(admin.blocking(
            admin.update_broker_config(c.broker.addr, {{"storeReplyMessageEnable", on}})));
    };
    // The reply topic's bodies once `last` is among them (a reply is stored after it is pushed).
    const auto stored_until = [&](const std::string& last) {
        std::vector<std::string> bodies;
        const auto deadline = std::chrono::steady_clock::now() + 20s;
        while (std::chrono::steady_clock::now() < deadline) {
            bodies.clear();
            auto pulled =
                admin.blocking(admin.pull(c.broker.addr, "DefaultCluster_REPLY_TOPIC", 0, 0, 32));
            if (pulled)
                for (const auto& m : pulled->messages)
                    bodies.push_back(m.body);
            if (std::find(bodies.begin(), bodies.end(), last) != bodies.end()) break;
            std::this_thread::sleep_for(50ms);
        }
        return bodies;
    };

    REQUIRE(requester->request_blocking(Message("StoredRequests", "first"), 10s));
    set_storing("false");
    auto unstored = requester->request_blocking(Message("StoredRequests", "second"), 10s);
    REQUIRE(unstored);
    CHECK(unstored->body == "reply-to-second");  // still pushed
    // The requester has the reply once it is pushed; the replier's send (retries included) ends
    // when the broker has also decided about storing it.
    const auto deadline = std::chrono::steady_clock::now() + 30s;
    while (answered < 2 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(20ms);
    REQUIRE(answered >= 2);
    set_storing("true");
    REQUIRE(requester->request_blocking(Message("StoredRequests", "third"), 10s));
    CHECK(stored_until("reply-to-third")
          == std::vector<std::string>{"reply-to-first", "reply-to-third"});
}
