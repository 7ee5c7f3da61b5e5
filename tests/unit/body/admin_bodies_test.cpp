// Bodies with no capture in tests/golden/frames (B.14, B.16, object-keyed maps built from
// scratch): built by hand in the layout spec/headers.md gives, and read back.
#include "body/consume_message_directly_result.hpp"
#include "body/consume_stats_list.hpp"
#include "body/consumer_running_info.hpp"
#include "body/offset_moved_event.hpp"
#include "body/queue_stats.hpp"
#include "body/reset_offset.hpp"
#include "catch.hpp"
#include "json/write.hpp"

using namespace rmq;
using namespace rmq::body;

TEST_CASE("ResetOffsetBody writes MessageQueue object keys") {
    ResetOffsetBody b;
    b.offset_table.insert_or_assign(MessageQueue{"T", "broker-a", 0}, 10);
    b.offset_table.insert_or_assign(MessageQueue{"T", "broker-a", 1}, 12);
    const std::string text = b.encode();
    CHECK(text
          == R"({"offsetTable":{{"brokerName":"broker-a","queueId":0,"topic":"T"}:10,)"
             R"({"brokerName":"broker-a","queueId":1,"topic":"T"}:12}})");
    auto back = ResetOffsetBody::decode(text);
    REQUIRE(back.ok());
    CHECK(*back == b);
    // A quoted key holding the queue's JSON text reads the same.
    auto quoted = ResetOffsetBody::decode(
        R"({"offsetTable":{"{\"brokerName\":\"broker-a\",\"queueId\":0,\"topic\":\"T\"}":"10"}})");
    REQUIRE(quoted.ok());
    CHECK(*quoted->offset_table.find(MessageQueue{"T", "broker-a", 0}) == 10);
    CHECK(!ResetOffsetBody::decode(R"({"offsetTable":{"nope":1}})").ok());
}

TEST_CASE("ResetOffsetBodyForC is a list") {
    ResetOffsetBodyForC b;
    b.offset_table.push_back(MessageQueueForC{"T", "broker-a", 3, 99});
    CHECK(b.encode()
          == R"({"offsetTable":[{"brokerName":"broker-a","offset":99,"queueId":3,"topic":"T"}]})");
    CHECK(*ResetOffsetBodyForC::decode(b.encode()) == b);
}

TEST_CASE("GetConsumerStatusBody") {
    GetConsumerStatusBody b;
    b.message_queue_table.insert_or_assign(MessageQueue{"T", "b", 0}, 5);
    b.consumer_table["c1"].insert_or_assign(MessageQueue{"T", "b", 0}, 4);
    CHECK(b.encode()
          == R"({"consumerTable":{"c1":{{"brokerName":"b","queueId":0,"topic":"T"}:4}},)"
             R"("messageQueueTable":{{"brokerName":"b","queueId":0,"topic":"T"}:5}})");
    CHECK(*GetConsumerStatusBody::decode(b.encode()) == b);
}

TEST_CASE("ConsumeMessageDirectlyResult") {
    ConsumeMessageDirectlyResult r;
    CHECK(r.encode() == R"({"autoCommit":true,"order":false,"spentTimeMills":0})");
    r.consume_result = CMResult::cr_success;
    r.remark = "ok";
    r.spent_time_mills = 3;
    CHECK(r.encode()
          == R"({"autoCommit":true,"consumeResult":"CR_SUCCESS","order":false,"remark":"ok",)"
             R"("spentTimeMills":3})");
    CHECK(*ConsumeMessageDirectlyResult::decode(r.encode()) == r);
    auto ordinal = ConsumeMessageDirectlyResult::decode(R"({"consumeResult":1})");
    REQUIRE(ordinal.ok());
    CHECK(ordinal->consume_result == CMResult::cr_later);
}

TEST_CASE("ConsumeStats: the spec's example, and a whole-number consumeTps") {
    const std::string example =
        R"({"consumeTps":0.0,"offsetTable":{{"brokerName":"broker-a","queueId":0,"topic":"T"}:)"
        R"({"brokerOffset":10,"consumerOffset":8,"lastTimestamp":1700000000000}}})";
    auto stats = ConsumeStats::decode(example);
    REQUIRE(stats.ok());
    CHECK(stats->encode() == example);
    auto integral = ConsumeStats::decode(R"({"consumeTps":2})");
    REQUIRE(integral.ok());
    CHECK(integral->encode() == R"({"consumeTps":2.0,"offsetTable":{}})");
}

TEST_CASE("ConsumeStatsList: one single-entry map per group, read back") {
    const std::string example =
        R"({"brokerAddr":"127.0.0.1:10911","consumeStatsList":[{"CG":[{"consumeTps":0.0,)"
        R"("offsetTable":{{"brokerName":"broker-a","queueId":0,"topic":"T"}:{"brokerOffset":10,)"
        R"("consumerOffset":8,"lastTimestamp":0}}}]},{"idle":[]}],"totalDiff":2})";
    auto list = ConsumeStatsList::decode(example);
    REQUIRE(list.ok());
    REQUIRE(list->consume_stats_list.size() == 2);
    CHECK(list->consume_stats_list[0].find("CG")->front().offset_table.size() == 1);
    CHECK(list->consume_stats_list[1].find("idle")->empty());
    CHECK(list->total_diff == 2);
    CHECK(list->encode() == example);
    CHECK(!ConsumeStatsList::decode(R"({"consumeStatsList":[{"CG":{}}]})").ok());
}

TEST_CASE("OffsetMovedEvent in fastjson's layout") {
    OffsetMovedEvent e;
    e.consumer_group = "CG";
    e.message_queue = MessageQueue{"T", "broker-a", 2};
    e.offset_request = 100;
    e.offset_new = 7;
    const std::string text = e.encode();
    CHECK(text
          == R"({"consumerGroup":"CG","messageQueue":{"brokerName":"broker-a","queueId":2,)"
             R"("topic":"T"},"offsetNew":7,"offsetRequest":100})");
    CHECK(*OffsetMovedEvent::decode(text) == e);
}

TEST_CASE("MessageQueue.java_hash_code and natural order") {
    // Objects-style: 31 * (31 * (31 + brokerName.hashCode()) + queueId) + topic.hashCode().
    MessageQueue mq{"T", "b", 1};
    CHECK(mq.java_hash_code() == 31 * (31 * (31 + 'b') + 1) + 'T');
    CHECK(MessageQueue{"A", "z", 9} < MessageQueue{"B", "a", 0});
    CHECK(MessageQueue{"A", "a", 1} < MessageQueue{"A", "a", 2});
}

TEST_CASE("ConsumerRunningInfo: layout, Go's 'dropped', numbers leniently") {
    ConsumerRunningInfo info;
    info.properties.insert_or_assign("PROP_CONSUME_TYPE", "CONSUME_PASSIVELY");
    SubscriptionData s;
    s.topic = "T";
    s.sub_string = "*";
    s.sub_version = 1;
    info.subscription_set.push_back(s);
    ProcessQueueInfo p;
    p.commit_offset = 7;
    p.locked = true;
    info.mq_table.insert_or_assign(MessageQueue{"T", "b", 0}, p);
    ConsumeStatus st;
    st.pull_rt = 1.5;
    st.consume_ok_tps = 0.25;
    info.status_table.insert_or_assign("T", st);
    CHECK(info.encode()
          == R"({"mqTable":{{"brokerName":"b","queueId":0,"topic":"T"}:{"cachedMsgCount":0,)"
             R"("cachedMsgMaxOffset":0,"cachedMsgMinOffset":0,"cachedMsgSizeInMiB":0,)"
             R"("commitOffset":7,"droped":false,"lastConsumeTimestamp":0,"lastLockTimestamp":0,)"
             R"("lastPullTimestamp":0,"locked":true,"transactionMsgCount":0,)"
             R"("transactionMsgMaxOffset":0,"transactionMsgMinOffset":0,"tryUnlockTimes":0}},)"
             R"("properties":{"PROP_CONSUME_TYPE":"CONSUME_PASSIVELY"},"statusTable":{"T":)"
             R"({"consumeFailedMsgs":0,"consumeFailedTPS":0.0,"consumeOKTPS":0.25,"consumeRT":0.0,)"
             R"("pullRT":1.5,"pullTPS":0.0}},"subscriptionSet":[{"classFilterMode":false,)"
             R"("codeSet":[],"expressionType":"TAG","subString":"*","subVersion":1,"tagsSet":[],)"
             R"("topic":"T"}]})");
    auto back = ConsumerRunningInfo::decode(info.encode());
    REQUIRE(back.ok());
    CHECK(*back == info);
    info.jstack = "stack";
    CHECK(info.encode().rfind(R"({"jstack":"stack","mqTable":)", 0) == 0);

    auto go = ConsumerRunningInfo::decode(
        R"({"mqTable":{{"brokerName":"b","queueId":1,"topic":"T"}:{"dropped":true}},)"
        R"("statusTable":{"T":{"pullRT":"2.5","pullTPS":3}},"properties":{"n":1}})");
    REQUIRE(go.ok());
    CHECK(go->mq_table.find(MessageQueue{"T", "b", 1})->droped);
    CHECK(go->status_table.find("T")->pull_rt == 2.5);
    CHECK(go->status_table.find("T")->pull_tps == 3.0);
    CHECK(*go->properties.find("n") == "1");
    CHECK(!ConsumerRunningInfo::decode(R"({"statusTable":{"T":{"pullRT":"fast"}}})").ok());
}
