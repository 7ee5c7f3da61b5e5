// PULL_MESSAGE and the offset commands against an in-process broker: tag filtering, statuses and
// next offsets, long polling answered when a message arrives (and after the suspend time when
// none does), committed offsets that survive a restart.
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_future.hpp>
#include <filesystem>
#include <fstream>
#include <future>
#include <sstream>

#include "body/offset_moved_event.hpp"
#include "catch.hpp"
#include "cluster_fixture.hpp"
#include "message/record_reader.hpp"
#include "proto/flags.hpp"
#include "proto/response_code.hpp"
#include "pull_requests.hpp"
#include "send_helpers.hpp"

using namespace rmq;
using namespace std::chrono_literals;
using proto::RequestCode;
using proto::ResponseCode;
using remoting::RemotingCommand;
using test::Cluster;
using test::Pull;
using test::pull_request;
using test::Send;
using test::send_request;
using test::wait_for_max_offset;

namespace {

std::string tagged(const std::string& tag) {
    return "TAGS\x01" + tag + "\x02WAIT\x01true\x02";
}

void send(Cluster& c, const std::string& tag, int32_t queue = 0) {
    Send s;
    s.queue_id = queue;
    s.properties = tagged(tag);
    s.body = "body-" + tag;
    REQUIRE(c.call(c.broker->broker_addr(), send_request(s)).code == 0);
}

int64_t header_int(const RemotingCommand& r, std::string_view key) {
    return std::stoll(*r.ext(key));
}

}  // namespace

TEST_CASE("pulls return the matching messages with RocketMQ's statuses and next offsets") {
    Cluster c;
    send(c, "TagA");
    send(c, "TagB");
    send(c, "TagA");
    REQUIRE(wait_for_max_offset(c, "Orders", 0, 3) == 3);

    Pull all;
    auto r = c.call(c.broker->broker_addr(), pull_request(all));
    REQUIRE(r.code == 0);
    CHECK(header_int(r, "nextBeginOffset") == 3);
    CHECK(header_int(r, "maxOffset") == 3);
    auto messages = message::decode_messages(std::span<const char>(r.body));
    REQUIRE(messages.size() == 3);
    CHECK(messages[1].body == "body-TagB");
    CHECK(messages[2].queue_offset == 2);

    Pull tag_a = all;
    tag_a.subscription = "TagA || TagC";
    r = c.call(c.broker->broker_addr(), pull_request(tag_a));
    REQUIRE(r.code == 0);
    messages = message::decode_messages(std::span<const char>(r.body));
    REQUIRE(messages.size() == 2);
    CHECK(messages[0].tags() == "TagA");
    CHECK(messages[1].tags() == "TagA");

    Pull none = all;
    none.subscription = "TagZ";
    r = c.call(c.broker->broker_addr(), pull_request(none));
    CHECK(r.code == proto::to_int(ResponseCode::PULL_RETRY_IMMEDIATELY));
    CHECK(header_int(r, "nextBeginOffset") == 3);

    Pull at_end = all;
    at_end.offset = 3;
    r = c.call(c.broker->broker_addr(), pull_request(at_end));
    CHECK(r.code == proto::to_int(ResponseCode::PULL_NOT_FOUND));
    CHECK(header_int(r, "nextBeginOffset") == 3);

    // Beyond the end: Java sends the consumer back to the minimum when it is 0, else to the max.
    Pull beyond = all;
    beyond.offset = 10;
    r = c.call(c.broker->broker_addr(), pull_request(beyond));
    CHECK(r.code == proto::to_int(ResponseCode::PULL_OFFSET_MOVED));
    CHECK(header_int(r, "nextBeginOffset") == 0);
    // The master records the correction in OFFSET_MOVED_EVENT, tagged and keyed by the group.
    REQUIRE(wait_for_max_offset(c, "OFFSET_MOVED_EVENT", 0, 1) == 1);
    Pull events;
    events.topic = "OFFSET_MOVED_EVENT";
    events.group = "watcher";
    r = c.call(c.broker->broker_addr(), pull_request(events));
    REQUIRE(r.code == 0);
    auto moved = message::decode_messages(std::span<const char>(r.body));
    REQUIRE(moved.size() == 1);
    CHECK(moved[0].tags() == "CG");
    CHECK(moved[0].property("KEYS") == "CG");
    const auto event = body::OffsetMovedEvent::decode(moved[0].body);
    REQUIRE(event);
    CHECK(event->consumer_group == "CG");
    CHECK(event->message_queue == body::MessageQueue{"Orders", "broker-a", 0});
    CHECK(event->offset_request == 10);
    CHECK(event->offset_new == 0);

    Pull limited = all;
    limited.max = 2;
    r = c.call(c.broker->broker_addr(), pull_request(limited));
    CHECK(message::decode_messages(std::span<const char>(r.body)).size() == 2);
    CHECK(header_int(r, "nextBeginOffset") == 2);
}

TEST_CASE("pull refusals: unknown topic, bad queue, no registered subscription") {
    Cluster c;
    send(c, "TagA");
    REQUIRE(wait_for_max_offset(c, "Orders", 0, 1) == 1);
    Pull unknown;
    unknown.topic = "Nope";
    auto r = c.call(c.broker->broker_addr(), pull_request(unknown));
    CHECK(r.code == proto::to_int(ResponseCode::TOPIC_NOT_EXIST));

    Pull bad_queue;
    bad_queue.queue_id = 99;
    r = c.call(c.broker->broker_addr(), pull_request(bad_queue));
    CHECK(r.code == proto::to_int(ResponseCode::SYSTEM_ERROR));
    CHECK(r.remark->starts_with("queueId[99] is illegal, topic:[Orders]"));

    auto no_sub = pull_request(Pull{});
    no_sub.ext_fields->set("sysFlag", "0");
    r = c.call(c.broker->broker_addr(), no_sub);
    CHECK(r.code == proto::to_int(ResponseCode::SUBSCRIPTION_NOT_EXIST));

    Pull huge;
    huge.max = 1 << 30;  // clamped, not trusted
    CHECK(c.call(c.broker->broker_addr(), pull_request(huge)).code == 0);
}

TEST_CASE("a held pull is answered as soon as a message arrives, or after its suspend time") {
    Cluster c;
    send(c, "TagA");
    REQUIRE(wait_for_max_offset(c, "Orders", 0, 1) == 1);

    // Nothing arrives: answered PULL_NOT_FOUND once the suspend time is over.
    Pull idle;
    idle.offset = 1;
    idle.suspend_ms = 300;
    auto started = std::chrono::steady_clock::now();
    auto r = c.call(c.broker->broker_addr(), pull_request(idle));
    auto waited = std::chrono::steady_clock::now() - started;
    CHECK(r.code == proto::to_int(ResponseCode::PULL_NOT_FOUND));
    CHECK(waited >= 280ms);

    // A message arrives while the pull is held: answered with it, long before the 10 s.
    Pull held = idle;
    held.suspend_ms = 10000;
    remoting::RemotingClient consumer;
    auto pending = std::async(std::launch::async, [&] {
        return consumer.invoke_sync(c.broker->broker_addr(), pull_request(held), 15s);
    });
    std::this_thread::sleep_for(200ms);  // the pull is held by now
    started = std::chrono::steady_clock::now();
    send(c, "TagB");
    auto answer = pending.get();
    const auto latency = std::chrono::steady_clock::now() - started;
    REQUIRE(answer);
    CHECK(answer->code == 0);
    CHECK(message::decode_messages(std::span<const char>(answer->body)).at(0).body == "body-TagB");
    CHECK(latency < 2s);

    // A held pull whose tag does not match keeps waiting for a matching message.
    Pull only_c = held;
    only_c.offset = 2;
    only_c.subscription = "TagC";
    only_c.suspend_ms = 500;
    pending = std::async(std::launch::async, [&] {
        return consumer.invoke_sync(c.broker->broker_addr(), pull_request(only_c), 15s);
    });
    std::this_thread::sleep_for(100ms);
    started = std::chrono::steady_clock::now();
    send(c, "TagA");
    answer = pending.get();
    CHECK(std::chrono::steady_clock::now() - started >= 300ms);
}

TEST_CASE("consumer offsets: query, update, commit on pull, and a restart keeps them") {
    {
        Cluster c;
        send(c, "TagA");
        REQUIRE(wait_for_max_offset(c, "Orders", 0, 1) == 1);

        auto query = test::query_offset_request("CG", "Orders", 0);
        auto r = c.call(c.broker->broker_addr(), query);
        REQUIRE(r.code == 0);
        CHECK(*r.ext("offset") == "0");  // a young queue: a new group starts at its beginning

        auto update = test::update_offset_request("CG", "Orders", 0, 1);
        REQUIRE(c.call(c.broker->broker_addr(), update).code == 0);
        CHECK(*c.call(c.broker->broker_addr(), query).ext("offset") == "1");

        Pull committing;
        committing.offset = 1;
        committing.commit = 1;
        committing.group = "CG2";
        c.call(c.broker->broker_addr(), pull_request(committing));
        const auto query_cg2 = test::query_offset_request("CG2", "Orders", 0);
        CHECK(*c.call(c.broker->broker_addr(), query_cg2).ext("offset") == "1");
        CHECK(*c.call(c.broker->broker_addr(), test::max_offset_request("Orders", 0)).ext("offset")
              == "1");

        c.broker->shutdown();
        std::ifstream in(c.dir.path() / "store" / "config" / "consumerOffset.json");
        std::stringstream text;
        text << in.rdbuf();
        CHECK(text.str().find("\"Orders@CG\"") != std::string::npos);
        CHECK(text.str().find("\"Orders@CG2\"") != std::string::npos);

        // A new broker on the same store answers the committed offsets.
        auto startup = config::parse_broker_command_line(
            {"-c", c.broker_config_file.string(), "-n", c.namesrv_addr, "listenPort=0"},
            config::Environment::from_process());
        REQUIRE(startup);
        c.broker = std::make_unique<broker::Broker>(std::move(*startup));
        REQUIRE(c.broker->start().ok());
        CHECK(*c.call(c.broker->broker_addr(), query_cg2).ext("offset") == "1");
        CHECK(*c.call(c.broker->broker_addr(), query).ext("offset") == "1");
    }
}

TEST_CASE("GET_CONSUME_STATS reports broker and consumer offsets per read queue") {
    Cluster c;
    send(c, "TagA");
    send(c, "TagA");
    REQUIRE(wait_for_max_offset(c, "Orders", 0, 2) == 2);
    auto update = test::update_offset_request("CG", "Orders", 0, 1);
    REQUIRE(c.call(c.broker->broker_addr(), update).code == 0);

    proto::GetConsumeStatsRequestHeader h;
    h.consumerGroup = "CG";
    auto r = RemotingCommand::request(proto::to_int(RequestCode::GET_CONSUME_STATS));
    r.set_header(h);
    auto response = c.call(c.broker->broker_addr(), r);
    REQUIRE(response.code == 0);
    auto stats = body::ConsumeStats::decode(response.body);
    REQUIRE(stats);
    CHECK(stats->offset_table.size() == 4);  // every read queue of Orders
    const auto* q0 = stats->offset_table.find(body::MessageQueue{"Orders", "broker-a", 0});
    REQUIRE(q0);
    CHECK(q0->broker_offset == 2);
    CHECK(q0->consumer_offset == 1);
    CHECK(q0->last_timestamp > 0);
}

TEST_CASE("a thousand held pulls on one connection cost no threads and do not block its sends") {
    Cluster c;
    send(c, "TagA");
    REQUIRE(wait_for_max_offset(c, "Orders", 0, 1) == 1);
    const auto threads = [] {
        return std::distance(std::filesystem::directory_iterator("/proc/self/task"),
                             std::filesystem::directory_iterator{});
    };
    remoting::RemotingClient consumer;
    // Connect first, so the thread count below includes the client's own threads.
    REQUIRE(
        consumer.invoke_sync(c.broker->broker_addr(), test::max_offset_request("Orders", 0), 3s));
    const auto threads_before = threads();

    constexpr int kPulls = 1000;  // well past the connection's cap of 256 requests in flight
    std::vector<std::future<remoting::Result<RemotingCommand>>> held;
    for (int i = 0; i < kPulls; ++i) {
        Pull p;
        p.queue_id = i % 4;
        p.offset = p.queue_id == 0 ? 1 : 0;
        p.suspend_ms = 20000;
        auto request = pull_request(p);
        held.push_back(
            boost::asio::co_spawn(consumer.pool().next(),
                                  consumer.invoke(c.broker->broker_addr(), std::move(request), 30s),
                                  boost::asio::use_future));
    }
    std::this_thread::sleep_for(300ms);
    for (auto& f : held)
        REQUIRE(f.wait_for(0s) == std::future_status::timeout);
    CHECK(threads() == threads_before);

    // The producer side of the same client is still served at once.
    Send s;
    s.body = "wake queue 0";
    auto sent = consumer.invoke_sync(c.broker->broker_addr(), send_request(s), 3s);
    REQUIRE(sent);
    CHECK(sent->code == 0);
    int answered = 0;
    for (int i = 0; i < kPulls; i += 4) {
        REQUIRE(held[static_cast<size_t>(i)].wait_for(5s) == std::future_status::ready);
        auto r = held[static_cast<size_t>(i)].get();
        REQUIRE(r);
        answered += r->code == 0 ? 1 : 0;
    }
    CHECK(answered == kPulls / 4);
    CHECK(held[1].wait_for(0s) == std::future_status::timeout);  // other queues still held
    for (int queue = 1; queue < 4; ++queue)
        send(c, "TagA", queue);
    for (auto& f : held)
        if (f.valid()) REQUIRE(f.wait_for(5s) == std::future_status::ready);
}
