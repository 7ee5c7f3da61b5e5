// The pure rules of CONSUMER_SEND_MSG_BACK (spec/behaviours.md §2.10).
#include "send/send_back.hpp"

#include "catch.hpp"
#include "message/property_keys.hpp"

using namespace rmq;
using namespace rmq::broker;
namespace prop = message::prop;

namespace {

message::MessageExt consumed_record() {
    message::MessageExt m;
    m.topic = "Orders";
    m.queue_id = 2;
    m.flag = 7;
    m.body = "payload";
    m.properties = message::parse_properties("TAGS\x01TagA\x02WAIT\x01true");
    m.sys_flag = 1;
    m.born_timestamp = 1700000000000;
    m.born_host = *message::HostAddress::parse("10.0.0.1:5555");
    m.store_host = *message::HostAddress::parse("10.0.0.2:10911");
    m.reconsume_times = 4;
    m.commit_log_offset = 4096;
    return m;
}

}  // namespace

TEST_CASE("SUBSCRIPTION_GROUP_NOT_EXIST's remark is Java's, space included") {
    CHECK(group_not_exist_remark("G")
          == "subscription group not exist, G \nSee http://rocketmq.apache.org/docs/faq/ for "
             "further details.");
}

TEST_CASE("maxReconsumeTimes from the header only from request version 121 on") {
    CHECK(max_reconsume_times(121, 3, 16) == 3);
    CHECK(max_reconsume_times(120, 3, 16) == 16);
    CHECK(max_reconsume_times(401, std::nullopt, 16) == 16);
    CHECK(goes_to_dead_letter(16, 16, 0));
    CHECK_FALSE(goes_to_dead_letter(15, 16, 0));
    CHECK(goes_to_dead_letter(0, 16, -1));
}

TEST_CASE("a message sent back for retry: delay 3 + reconsumeTimes, origin id, retry topic") {
    auto original = consumed_record();
    const std::string offset_id = original.offset_msg_id();
    auto msg = send_back_message(original, "CG", false, 0, 3);
    CHECK(msg.topic == "%RETRY%CG");
    CHECK(msg.queue_id == 3);
    CHECK(msg.reconsume_times == 5);
    CHECK(msg.body == "payload");
    CHECK(msg.flag == 7);
    CHECK(msg.born_timestamp == 1700000000000);
    CHECK(msg.store_host.to_string() == "10.0.0.2:10911");
    CHECK(msg.property(prop::kRetryTopic) == "Orders");
    CHECK(msg.property(prop::kWait) == "false");
    CHECK(msg.property(prop::kDelay) == "7");
    CHECK(msg.property(prop::kOriginMessageId) == offset_id);

    // An explicit level is kept; a retried message keeps its first topic and id.
    original.set_property(prop::kRetryTopic, "FirstTopic");
    original.set_property(prop::kOriginMessageId, "FIRST");
    msg = send_back_message(original, "CG", false, 2, 0);
    CHECK(msg.property(prop::kDelay) == "2");
    CHECK(msg.property(prop::kRetryTopic) == "FirstTopic");
    CHECK(msg.property(prop::kOriginMessageId) == "FIRST");
}

TEST_CASE("a message sent to the dead-letter queue: queue 0, DELAY 0") {
    auto original = consumed_record();
    original.topic = "%RETRY%CG";
    original.set_property(prop::kDelay, "3");
    auto msg = send_back_message(original, "CG", true, 5, 3);
    CHECK(msg.topic == "%DLQ%CG");
    CHECK(msg.queue_id == 0);
    CHECK(msg.property(prop::kDelay) == "0");
    CHECK(msg.reconsume_times == 5);
}
