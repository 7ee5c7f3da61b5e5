// Delayed delivery (SCHEDULE_TOPIC_XXXX → the real topic) and CONSUMER_SEND_MSG_BACK against an
// in-process broker with short delay levels: a delayed message appears in its topic only after
// its delay and intact, delivery survives a restart without repeats, and a message sent back
// reaches %RETRY%<group> after its delay or %DLQ%<group> at once.
#include <thread>

#include "body/kv_table.hpp"
#include "catch.hpp"
#include "cluster_fixture.hpp"
#include "message/property_keys.hpp"
#include "message/record_reader.hpp"
#include "proto/flags.hpp"
#include "proto/response_code.hpp"
#include "pull_requests.hpp"
#include "send_helpers.hpp"
#include "store/metadata/delay_offset_table.hpp"

using namespace rmq;
using namespace std::chrono_literals;
using proto::RequestCode;
using proto::ResponseCode;
using remoting::RemotingCommand;
using test::Cluster;

using test::wait_for_max_offset;

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

std::vector<message::MessageExt> pull(Cluster& c, const std::string& topic,
                                      const std::string& subscription = "*") {
    test::Pull p;
    p.topic = topic;
    p.subscription = subscription;
    auto r = c.call(c.broker->broker_addr(), test::pull_request(p));
    if (r.code != 0) return {};
    return message::decode_messages(std::span<const char>(r.body));
}

RemotingCommand send_back_request(int64_t offset, const std::string& group, int32_t delay_level,
                                  std::optional<int32_t> max_reconsume_times = std::nullopt,
                                  bool unit_mode = false) {
    proto::ConsumerSendMsgBackRequestHeader h;
    h.offset = offset;
    h.group = group;
    h.delayLevel = delay_level;
    h.maxReconsumeTimes = max_reconsume_times;
    h.unitMode = unit_mode;
    auto r = RemotingCommand::request(proto::to_int(RequestCode::CONSUMER_SEND_MSG_BACK));
    r.set_header(h);
    r.version = 401;  // a 4.9.x client: maxReconsumeTimes is honoured
    return r;
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

TEST_CASE("a message sent back reaches the group's retry topic after its delay") {
    Cluster c("messageDelayLevel=1s 1s 1s 1s 1s\n");
    send(c, "failed");
    REQUIRE(wait_for_max_offset(c, "Orders", 0, 1) == 1);
    auto consumed = pull(c, "Orders");
    REQUIRE(consumed.size() == 1);
    const auto& original = consumed[0];

    auto r =
        c.call(c.broker->broker_addr(), send_back_request(original.commit_log_offset, "CG", 0));
    REQUIRE(r.code == 0);
    // As the captured 4.9.8 answer: no remark, no extFields.
    CHECK_FALSE(r.remark);
    CHECK_FALSE(r.ext_fields);
    // Level 3 + reconsumeTimes 0 first parks it in SCHEDULE_TOPIC_XXXX queue 2.
    CHECK(wait_for_max_offset(c, "SCHEDULE_TOPIC_XXXX", 2, 1) == 1);
    CHECK(c.broker->topics().find("%RETRY%CG").has_value());
    REQUIRE(wait_for_max_offset(c, "%RETRY%CG", 0, 1) == 1);
    auto retried = pull(c, "%RETRY%CG");
    REQUIRE(retried.size() == 1);
    const auto& m = retried[0];
    CHECK(m.body == "failed");
    CHECK(m.reconsume_times == 1);
    CHECK(m.property(prop::kRetryTopic) == "Orders");
    CHECK(m.property(prop::kOriginMessageId) == original.offset_msg_id());
    CHECK(m.property(prop::kDelay) == "3");
    CHECK(m.tags() == "TagA");
    CHECK(m.born_timestamp == original.born_timestamp);

    // Past maxReconsumeTimes (1) the retried message goes to the dead-letter queue at once,
    // still naming the first message.
    r = c.call(c.broker->broker_addr(), send_back_request(m.commit_log_offset, "CG", 0, 1));
    REQUIRE(r.code == 0);
    REQUIRE(wait_for_max_offset(c, "%DLQ%CG", 0, 1, 2000ms) == 1);
    auto dead = pull(c, "%DLQ%CG");
    REQUIRE(dead.size() == 1);
    CHECK(dead[0].body == "failed");
    CHECK(dead[0].reconsume_times == 2);
    CHECK(dead[0].property(prop::kOriginMessageId) == original.offset_msg_id());
    CHECK(dead[0].property(prop::kRetryTopic) == "Orders");
    const auto dlq = c.broker->topics().find("%DLQ%CG");
    REQUIRE(dlq);
    CHECK(dlq->read_queue_nums == 1);
    CHECK(dlq->perm == 6);
}

TEST_CASE("delay level -1 sends a message straight to the dead-letter queue") {
    Cluster c("messageDelayLevel=1s 1s 1s\n");
    send(c, "poison");
    REQUIRE(wait_for_max_offset(c, "Orders", 0, 1) == 1);
    auto consumed = pull(c, "Orders");
    REQUIRE(consumed.size() == 1);
    auto r =
        c.call(c.broker->broker_addr(), send_back_request(consumed[0].commit_log_offset, "CG", -1));
    REQUIRE(r.code == 0);
    REQUIRE(wait_for_max_offset(c, "%DLQ%CG", 0, 1, 2000ms) == 1);
    auto dead = pull(c, "%DLQ%CG");
    REQUIRE(dead.size() == 1);
    CHECK(dead[0].reconsume_times == 1);
    CHECK(dead[0].property(prop::kDelay) == "0");
    CHECK(test::max_offset(c, "SCHEDULE_TOPIC_XXXX", 2) <= 0);
}

TEST_CASE("send-back refusals: unknown group and a bad offset") {
    Cluster c("autoCreateSubscriptionGroup=false\n");
    auto r = c.call(c.broker->broker_addr(), send_back_request(0, "NoSuchGroup", 0));
    CHECK(r.code == proto::to_int(ResponseCode::SUBSCRIPTION_GROUP_NOT_EXIST));
    CHECK(r.remark
          == "subscription group not exist, NoSuchGroup \nSee http://rocketmq.apache.org/docs/faq/ "
             "for further details.");

    // A built-in group exists without auto-creation.
    r = c.call(c.broker->broker_addr(), send_back_request(123456789, "TOOLS_CONSUMER", 0));
    CHECK(r.code == proto::to_int(ResponseCode::SYSTEM_ERROR));
    CHECK(r.remark == "look message by offset failed, 123456789");
}

TEST_CASE("a unit-mode group's retry topic is flagged unit-sub by a heartbeat and by a send-back") {
    Cluster c;
    test::HeartbeatSpec spec;
    spec.consumer_group = "UnitByHeartbeat";
    spec.unit_mode = true;
    REQUIRE(c.call(c.broker->broker_addr(), test::heartbeat_request(spec)).code == 0);
    auto topic = c.broker->topics().find("%RETRY%UnitByHeartbeat");
    REQUIRE(topic);
    CHECK(topic->topic_sys_flag == proto::topic_sys_flag::kUnitSub);

    send(c, "unit");
    REQUIRE(wait_for_max_offset(c, "Orders", 0, 1) == 1);
    auto consumed = pull(c, "Orders");
    REQUIRE(consumed.size() == 1);
    auto r = c.call(
        c.broker->broker_addr(),
        send_back_request(consumed[0].commit_log_offset, "UnitBySendBack", 0, std::nullopt, true));
    REQUIRE(r.code == 0);
    topic = c.broker->topics().find("%RETRY%UnitBySendBack");
    REQUIRE(topic);
    CHECK(topic->topic_sys_flag == proto::topic_sys_flag::kUnitSub);
}
