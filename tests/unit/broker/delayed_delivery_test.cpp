// The pure rules of delayed delivery and of CONSUMER_SEND_MSG_BACK (spec/behaviours.md §2.9,
// §2.10).
#include "schedule/delayed_delivery.hpp"

#include "catch.hpp"
#include "core/broker_error.hpp"
#include "message/property_keys.hpp"

using namespace rmq;
using namespace rmq::broker;
namespace prop = message::prop;

namespace {

message::MessageExt scheduled_record() {
    message::MessageExt m;
    m.topic = "SCHEDULE_TOPIC_XXXX";
    m.queue_id = 2;
    m.flag = 7;
    m.body = "payload";
    m.properties = message::parse_properties(
        "TAGS\x01TagA\x02WAIT\x01true\x02"
        "DELAY\x01"
        "3\x02REAL_TOPIC\x01Orders\x02REAL_QID\x01"
        "5");
    m.sys_flag = 1;  // compressed: the body is delivered as stored
    m.born_timestamp = 1700000000000;
    m.born_host = *message::HostAddress::parse("10.0.0.1:5555");
    m.store_host = *message::HostAddress::parse("10.0.0.2:10911");
    m.reconsume_times = 4;
    m.commit_log_offset = 4096;
    return m;
}

}  // namespace

TEST_CASE("a deliver time beyond the whole level delay means the clock went back") {
    CHECK(corrected_deliver_time(10'000, 10'500, 1'000) == 10'500);  // due in 0.5 s
    CHECK(corrected_deliver_time(10'000, 11'000, 1'000) == 11'000);  // exactly one delay ahead
    CHECK(corrected_deliver_time(10'000, 11'001, 1'000) == 10'000);  // impossible: deliver now
    CHECK(corrected_deliver_time(10'000, 9'000, 1'000) == 9'000);    // overdue
}

TEST_CASE("a saved delay offset is clamped into its queue's range") {
    CHECK(clamp_delay_offset(5, 0, 10) == 5);
    CHECK(clamp_delay_offset(0, 3, 10) == 3);
    CHECK(clamp_delay_offset(12, 3, 10) == 10);
    CHECK(clamp_delay_offset(4, 0, 0) == 0);
}

TEST_CASE("a due SCHEDULE record becomes its real topic's message with its properties kept") {
    auto due = due_message(scheduled_record());
    REQUIRE(due);
    CHECK(due->topic == "Orders");
    CHECK(due->queue_id == 5);
    CHECK(due->flag == 7);
    CHECK(due->body == "payload");
    CHECK(due->sys_flag == 1);
    CHECK(due->born_timestamp == 1700000000000);
    CHECK(due->born_host.to_string() == "10.0.0.1:5555");
    CHECK(due->store_host.to_string() == "10.0.0.2:10911");
    CHECK(due->reconsume_times == 4);
    CHECK(message::encode_properties(due->properties)
          == message::encode_properties(scheduled_record().properties));
}

TEST_CASE("a SCHEDULE record without a usable real queue or for the half topic is refused") {
    auto no_topic = scheduled_record();
    no_topic.properties.erase(prop::kRealTopic);
    CHECK(due_message(no_topic).error().code == errc::no_real_queue);
    auto bad_queue = scheduled_record();
    bad_queue.set_property(prop::kRealQueueId, "x1");
    CHECK(due_message(bad_queue).error().code == errc::no_real_queue);
    auto half = scheduled_record();
    half.set_property(prop::kRealTopic, "RMQ_SYS_TRANS_HALF_TOPIC");
    CHECK(due_message(half).error().code == errc::forbidden_target);
}
