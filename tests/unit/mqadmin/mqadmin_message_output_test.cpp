// How the message commands print a stored message, and reading the message ids users pass.
#include <sstream>

#include "catch.hpp"
#include "commands/message_lookup.hpp"
#include "message/message_id.hpp"
#include "output/message_print.hpp"
#include "output/text.hpp"
#include "rocketmq/admin.hpp"

using namespace rmq;
using namespace rmq::mqadmin;

namespace {

message::MessageExt sample() {
    message::MessageExt m;
    m.topic = "Data";
    m.set_tags("TagA");
    m.set_keys("k1 k2");
    m.set_uniq_key("7F00000100002A9F0000000000000001");
    m.set_property("WAIT", "true");
    m.body = "hi";
    m.queue_id = 2;
    m.queue_offset = 7;
    m.commit_log_offset = 4096;
    m.reconsume_times = 1;
    m.born_timestamp = 1700000000123;
    m.store_timestamp = 1700000000456;
    m.born_host = *message::HostAddress::parse("10.0.0.5:50000");
    m.store_host = *message::HostAddress::parse("127.0.0.1:10911");
    m.store_size = 200;
    m.body_crc = -5;
    return m;
}

}  // namespace

TEST_CASE("an offset message id is the store host and commit log offset in hex") {
    auto id = sample().offset_msg_id();
    CHECK(id == "7F00000100002A9F0000000000001000");
    auto parsed = message::parse_offset_msg_id("7f00000100002a9f0000000000001000");
    REQUIRE(parsed);
    CHECK(parsed->store_host.to_string() == "127.0.0.1:10911");
    CHECK(parsed->commit_log_offset == 4096);
    CHECK_FALSE(message::parse_offset_msg_id("7F000001"));
    CHECK_FALSE(message::parse_offset_msg_id("ZZ00000100002A9F0000000000001000"));
}

TEST_CASE("properties print in Java's HashMap order") {
    message::Properties p;
    p.set("TAGS", "TagA");
    p.set("WAIT", "true");
    p.set("KEYS", "k1");
    p.set("UNIQ_KEY", "U");
    CHECK(properties_java_string(p) == "{KEYS=k1, UNIQ_KEY=U, WAIT=true, TAGS=TagA}");
    CHECK(properties_java_string({}) == "{}");
}

TEST_CASE("queryMsgById lists the fields as Java's tool does") {
    std::ostringstream out;
    print_message_detail(out, sample(), "/tmp/x", true);
    CHECK(out.str()
          == "OffsetID:            7F00000100002A9F0000000000001000\n"
             "Topic:               Data\n"
             "Tags:                [TagA]\n"
             "Keys:                [k1 k2]\n"
             "Queue ID:            2\n"
             "Queue Offset:        7\n"
             "CommitLog Offset:    4096\n"
             "Reconsume Times:     1\n"
             "Born Timestamp:      "
                 + human_time(1700000000123)
                 + "\n"
                   "Store Timestamp:     "
                 + human_time(1700000000456)
                 + "\n"
                   "Born Host:           10.0.0.5:50000\n"
                   "Store Host:          127.0.0.1:10911\n"
                   "System Flag:         0\n"
                   "Properties:          {KEYS=k1 k2, UNIQ_KEY=7F00000100002A9F0000000000000001, "
                   "WAIT=true, TAGS=TagA}\n"
                   "Message Body Path:   /tmp/x\n");
}

TEST_CASE("printMsg's line is the id, MessageExt.toString and the body") {
    const auto m = sample();
    const auto line = print_msg_line(m, "broker-a", true);
    CHECK(line.rfind("MSGID: 7F00000100002A9F0000000000000001 MessageExt [brokerName=broker-a, "
                     "queueId=2, storeSize=200, queueOffset=7, sysFlag=0, bornTimestamp="
                     "1700000000123, bornHost=/10.0.0.5:50000, storeTimestamp=1700000000456, "
                     "storeHost=/127.0.0.1:10911, msgId=7F00000100002A9F0000000000001000, "
                     "commitLogOffset=4096, bodyCRC=-5, reconsumeTimes=1, "
                     "preparedTransactionOffset=0, toString()=Message{topic='Data', flag=0, "
                     "properties={",
                     0)
          == 0);
    CHECK(line.ends_with(", body=[104, 105], transactionId='null'}] BODY: hi"));
    CHECK(print_msg_line(m, "broker-a", false).ends_with(" BODY: NOT PRINT BODY"));
    // Without a unique key the client's id is the offset id.
    auto plain = m;
    plain.properties.erase("UNIQ_KEY");
    CHECK(print_msg_line(plain, "broker-a", true)
              .starts_with("MSGID: 7F00000100002A9F0000000000001000 MessageExt"));
}

TEST_CASE("queues and pull statuses print with Java's names") {
    CHECK(commands::queue_java_string({"T", "broker-a", 3})
          == "MessageQueue [topic=T, brokerName=broker-a, queueId=3]");
    CHECK(std::string(rocketmq::to_string(rocketmq::AdminPullStatus::no_new_msg)) == "NO_NEW_MSG");
    CHECK(std::string(rocketmq::to_string(rocketmq::AdminPullStatus::found)) == "FOUND");
}
