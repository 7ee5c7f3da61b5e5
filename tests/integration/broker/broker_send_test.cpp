// SEND_MESSAGE / V2 / BATCH against an in-process broker: what a producer sees in the response,
// and each refusal with RocketMQ's code and remark.
#include "body/queue_stats.hpp"
#include "catch.hpp"
#include "cluster_fixture.hpp"
#include "message/batch.hpp"
#include "message/message_id.hpp"
#include "message/property_keys.hpp"
#include "message/record_reader.hpp"
#include "proto/response_code.hpp"
#include "send_helpers.hpp"

using namespace rmq;
using namespace std::chrono_literals;
using proto::RequestCode;
using proto::ResponseCode;
using remoting::RemotingCommand;
using test::Cluster;
using test::max_offset;
using test::Send;
using test::send_request;

TEST_CASE("a send to a new topic auto-creates it and answers msgId, queueId and queueOffset") {
    Cluster c;
    for (auto code : {RequestCode::SEND_MESSAGE_V2, RequestCode::SEND_MESSAGE}) {
        Send s;
        s.code = code;
        s.queue_id = 2;
        auto r = c.call(c.broker->broker_addr(), send_request(s));
        INFO(r.remark.value_or(""));
        REQUIRE(r.code == 0);
        REQUIRE(r.ext("queueId"));
        CHECK(*r.ext("queueId") == "2");
        CHECK(r.ext("msgId")->size() == 32);  // offset msgId: IPv4 store host + offset, hex
        CHECK(*r.ext("MSG_REGION") == "DefaultRegion");
        CHECK(*r.ext("TRACE_ON") == "true");
    }
    CHECK(c.broker->topics().find("Orders")->write_queue_nums == 4);
    for (int i = 0; i < 200 && max_offset(c, "Orders", 2) < 2; ++i)
        std::this_thread::sleep_for(5ms);
    CHECK(max_offset(c, "Orders", 2) == 2);

    Send third;
    third.queue_id = 2;
    CHECK(*c.call(c.broker->broker_addr(), send_request(third)).ext("queueOffset") == "2");
}

TEST_CASE("a negative queue id picks a write queue") {
    Cluster c;
    Send s;
    s.queue_id = -1;
    auto r = c.call(c.broker->broker_addr(), send_request(s));
    REQUIRE(r.code == 0);
    CHECK(std::stoi(*r.ext("queueId")) < 4);
}

TEST_CASE("sends are refused with RocketMQ's codes and remarks") {
    Cluster c;
    Send forbidden;
    forbidden.topic = "SCHEDULE_TOPIC_XXXX";
    auto r = c.call(c.broker->broker_addr(), send_request(forbidden));
    CHECK(r.code == proto::to_int(ResponseCode::NO_PERMISSION));
    CHECK(r.remark == "Sending message to topic[SCHEDULE_TOPIC_XXXX] is forbidden.");
    CHECK(*r.ext("TRACE_ON") == "true");  // on errors too

    Send bad_name;
    bad_name.topic = "a b";
    CHECK(c.call(c.broker->broker_addr(), send_request(bad_name)).code
          == proto::to_int(ResponseCode::SYSTEM_ERROR));

    Send no_template;
    no_template.topic = "Lonely";
    no_template.default_topic = "NoSuchTemplate";
    r = c.call(c.broker->broker_addr(), send_request(no_template));
    CHECK(r.code == proto::to_int(ResponseCode::TOPIC_NOT_EXIST));
    CHECK(r.remark->starts_with("topic[Lonely] not exist, apply first please!"));

    Send create;
    REQUIRE(c.call(c.broker->broker_addr(), send_request(create)).code == 0);
    Send bad_queue;
    bad_queue.queue_id = 9;
    r = c.call(c.broker->broker_addr(), send_request(bad_queue));
    CHECK(r.code == proto::to_int(ResponseCode::SYSTEM_ERROR));
    CHECK(
        r.remark->starts_with("request queueId[9] is illegal, TopicConfig [topicName=Orders, "
                              "readQueueNums=4, writeQueueNums=4, perm=RW-"));

    Send huge;
    huge.body = std::string(4 * 1024 * 1024 + 1, 'x');
    r = c.call(c.broker->broker_addr(), send_request(huge));
    CHECK(r.code == proto::to_int(ResponseCode::MESSAGE_ILLEGAL));

    Send missing = create;
    auto no_header = send_request(missing);
    no_header.ext_fields->erase("b");
    r = c.call(c.broker->broker_addr(), no_header);
    CHECK(r.code == proto::to_int(ResponseCode::SYSTEM_ERROR));
}

TEST_CASE("a batch is stored as consecutive messages of one queue") {
    Cluster c;
    std::vector<message::Message> messages(3);
    for (size_t i = 0; i < messages.size(); ++i) {
        messages[i].topic = "Orders";
        messages[i].body = "m" + std::to_string(i);
        messages[i].set_keys("k" + std::to_string(i));
    }
    Send s;
    s.code = RequestCode::SEND_BATCH_MESSAGE;
    s.queue_id = 1;
    s.properties = std::string("WAIT\x01true\x02", 10);
    s.body = *message::encode_batch(messages);
    auto r = c.call(c.broker->broker_addr(), send_request(s));
    INFO(r.remark.value_or(""));
    REQUIRE(r.code == 0);
    CHECK(*r.ext("queueOffset") == "0");
    CHECK(std::count(r.ext("msgId")->begin(), r.ext("msgId")->end(), ',') == 2);
    for (int i = 0; i < 200 && max_offset(c, "Orders", 1) < 3; ++i)
        std::this_thread::sleep_for(5ms);
    CHECK(max_offset(c, "Orders", 1) == 3);

    Send retry_batch = s;
    retry_batch.topic = "%RETRY%CG";
    CHECK(c.call(c.broker->broker_addr(), send_request(retry_batch)).code
          == proto::to_int(ResponseCode::MESSAGE_ILLEGAL));
}

TEST_CASE("a retry message past its reconsume limit goes to the group's dead-letter queue") {
    Cluster c;
    Send retry;
    retry.topic = "%RETRY%CG";
    retry.reconsume_times = 16;  // the group's retryMaxTimes
    auto r = c.call(c.broker->broker_addr(), send_request(retry));
    INFO(r.remark.value_or(""));
    REQUIRE(r.code == 0);
    CHECK(c.broker->topics().find("%DLQ%CG"));
    for (int i = 0; i < 200 && max_offset(c, "%DLQ%CG", 0) < 1; ++i)
        std::this_thread::sleep_for(5ms);
    CHECK(max_offset(c, "%DLQ%CG", 0) == 1);
}

TEST_CASE("a single send is stored without its WAIT property, a delayed one keeps it") {
    Cluster c;
    // The stored record behind a send answer's msgId (its commit-log offset).
    const auto stored = [&](const RemotingCommand& answer) {
        auto id = message::parse_offset_msg_id(*answer.ext("msgId"));
        REQUIRE(id);
        proto::ViewMessageRequestHeader h;
        h.offset = id->commit_log_offset;
        auto request = RemotingCommand::request(proto::to_int(RequestCode::VIEW_MESSAGE_BY_ID));
        request.set_header(h);
        auto r = c.call(c.broker->broker_addr(), std::move(request));
        REQUIRE(r.code == 0);
        auto messages = message::decode_messages(std::span<const char>(r.body));
        REQUIRE(messages.size() == 1);
        return messages[0];
    };
    auto plain = c.call(c.broker->broker_addr(), send_request(Send{}));
    REQUIRE(plain.code == 0);
    const auto plain_record = stored(plain);
    CHECK_FALSE(plain_record.properties.contains("WAIT"));
    CHECK(plain_record.property("CLUSTER") == "DefaultCluster");
    CHECK(plain_record.property("KEYS") == "k1");

    Send delayed;
    delayed.properties += std::string(
        "DELAY\x01"
        "1\x02",
        8);
    auto parked = c.call(c.broker->broker_addr(), send_request(delayed));
    REQUIRE(parked.code == 0);
    const auto parked_record = stored(parked);
    CHECK(parked_record.topic == "SCHEDULE_TOPIC_XXXX");
    CHECK(parked_record.property("WAIT") == "true");
}

TEST_CASE("a SYNC_MASTER with no slave in sync stores a send and answers SLAVE_NOT_AVAILABLE") {
    // Replication is not built yet, so no slave is ever in sync: as Java's CommitLog.handleHA,
    // the producer learns its message is on one machine only.
    Cluster c("brokerRole=SYNC_MASTER\n");
    Send s;
    s.queue_id = 1;
    auto r = c.call(c.broker->broker_addr(), send_request(s));
    CHECK(r.code == proto::to_int(ResponseCode::SLAVE_NOT_AVAILABLE));
    REQUIRE(r.ext("queueOffset"));  // stored: the answer names where
    CHECK(*r.ext("queueOffset") == "0");
    CHECK(r.ext("msgId")->size() == 32);
    for (int i = 0; i < 200 && max_offset(c, "Orders", 1) < 1; ++i)
        std::this_thread::sleep_for(5ms);
    CHECK(max_offset(c, "Orders", 1) == 1);

    // A message that does not wait for the store (WAIT=false) is not held to it.
    Send no_wait = s;
    no_wait.properties = std::string(
        "TAGS\x01TagA\x02WAIT\x01"
        "false\x02",
        21);
    CHECK(c.call(c.broker->broker_addr(), send_request(no_wait)).code == 0);
}

TEST_CASE("a slave refuses sends with SERVICE_NOT_AVAILABLE") {
    Cluster c("brokerRole=SLAVE\nbrokerId=1\n");
    auto r = c.call(c.broker->broker_addr(), send_request(Send{}));
    CHECK(r.code == proto::to_int(ResponseCode::SERVICE_NOT_AVAILABLE));
    CHECK_THAT(r.remark.value_or(""), Catch::Contains("messages are put to the slave"));
}
