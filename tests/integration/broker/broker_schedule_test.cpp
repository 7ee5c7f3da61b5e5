// Delayed delivery (SCHEDULE_TOPIC_XXXX → the real topic) against an in-process broker with short
// delay levels: a delayed message appears in its topic only after its delay and intact, and
// delivery survives a restart without repeats.
#include <thread>

#include "body/kv_table.hpp"
#include "catch.hpp"
#include "cluster_fixture.hpp"
#include "message/property_keys.hpp"
#include "message/record_reader.hpp"
#include "proto/response_code.hpp"
#include "pull_helpers.hpp"
#include "send_helpers.hpp"
#include "store/metadata/delay_offset_table.hpp"

using namespace rmq;
using namespace std::chrono_literals;
using proto::RequestCode;
using proto::ResponseCode;
using remoting::RemotingCommand;
using test::Cluster;

namespace {

namespace prop = message::prop;

void send(Cluster& c, const std::string& body, const std::string& delay_level = "") {
    test::Send s;
    s.body = body;
    s.properties = std::string("TAGS\x01TagA\x02KEYS\x01k-", 17) + body + "\x02WAIT\x01true";
    if (!delay_level.empty())
        s.properties +=
            "\x02"
            "DELAY\x01"
            + delay_level;
    REQUIRE(c.call(c.broker->broker_addr(), test::send_request(s)).code == 0);
}

/// Waits (up to `limit`) until the queue's max offset reaches `n`; the offset it saw last.
int64_t wait_for_max_offset(Cluster& c, const std::string& topic, int32_t queue, int64_t n,
                            std::chrono::milliseconds limit = 5000ms) {
    const auto until = std::chrono::steady_clock::now() + limit;
    int64_t seen = test::max_offset(c, topic, queue);
    while (seen < n && std::chrono::steady_clock::now() < until) {
        std::this_thread::sleep_for(20ms);
        seen = test::max_offset(c, topic, queue);
    }
    return seen;
}

std::vector<message::MessageExt> pull(Cluster& c, const std::string& topic,
                                      const std::string& subscription = "*") {
    test::Pull p;
    p.topic = topic;
    p.subscription = subscription;
    auto r = c.call(c.broker->broker_addr(), test::pull_request(p));
    if (r.code != 0) return {};
    return message::decode_messages(std::span<const char>(r.body));
}

std::optional<store::DelayOffsetTable> delay_offsets(Cluster& c) {
    auto table = store::DelayOffsetTable::load(c.dir.path() / "store" / "config");
    if (!table) return std::nullopt;
    return *table;
}

}  // namespace

TEST_CASE("a delayed message reaches its topic only after its delay, intact") {
    Cluster c("messageDelayLevel=1s 2s\n");
    const auto sent_at = std::chrono::steady_clock::now();
    send(c, "later", "1");
    CHECK(wait_for_max_offset(c, "SCHEDULE_TOPIC_XXXX", 0, 1) == 1);
    std::this_thread::sleep_for(300ms);
    CHECK(test::max_offset(c, "Orders", 0) == 0);
    CHECK(pull(c, "Orders").empty());

    REQUIRE(wait_for_max_offset(c, "Orders", 0, 1) == 1);
    CHECK(std::chrono::steady_clock::now() - sent_at >= 950ms);
    // The consume queue's tags code is the tag's again, so a tag subscription finds it.
    auto messages = pull(c, "Orders", "TagA");
    REQUIRE(messages.size() == 1);
    const auto& m = messages[0];
    CHECK(m.topic == "Orders");
    CHECK(m.queue_id == 0);
    CHECK(m.body == "later");
    CHECK(m.tags() == "TagA");
    CHECK(m.keys() == "k-later");
    CHECK(m.born_timestamp == 1700000000000);
    CHECK(m.reconsume_times == 0);
    // The SCHEDULE record's properties are kept as Java keeps them.
    CHECK(m.property(prop::kDelay) == "1");
    CHECK(m.property(prop::kRealTopic) == "Orders");
    CHECK(m.property(prop::kRealQueueId) == "0");
    // Delivered once.
    std::this_thread::sleep_for(300ms);
    CHECK(test::max_offset(c, "Orders", 0) == 1);

    // mqadmin brokerStatus shows each level's progress against its queue.
    auto info = c.call_broker(RequestCode::GET_BROKER_RUNTIME_INFO);
    REQUIRE(info.code == 0);
    const auto kv = body::KVTable::decode(info.body);
    REQUIRE(kv);
    const auto* progress = kv->table.find("scheduleMessageOffset_1");
    REQUIRE(progress);
    CHECK(*progress == "1,1");
}

TEST_CASE("delayOffset.json keeps delivery progress across a restart without repeats") {
    Cluster c("messageDelayLevel=1s 2s\n");
    send(c, "first", "1");
    REQUIRE(wait_for_max_offset(c, "Orders", 0, 1) == 1);
    send(c, "second", "2");
    REQUIRE(wait_for_max_offset(c, "SCHEDULE_TOPIC_XXXX", 1, 1) == 1);

    c.broker->shutdown();
    auto saved = delay_offsets(c);
    REQUIRE(saved);
    CHECK(saved->offsets[1] == 1);

    c.start_broker();
    REQUIRE(wait_for_max_offset(c, "Orders", 0, 2) == 2);
    std::this_thread::sleep_for(1500ms);  // a redelivery of "first" would show by now
    auto messages = pull(c, "Orders");
    REQUIRE(messages.size() == 2);
    CHECK(messages[0].body == "first");
    CHECK(messages[1].body == "second");

    c.broker->shutdown();
    saved = delay_offsets(c);
    REQUIRE(saved);
    CHECK(saved->offsets[1] == 1);
    CHECK(saved->offsets[2] == 1);
}
