// The record-level rules of transactional messages, the committed copy and the "delete" op
// checked byte for byte against the records a Java 4.9.8 broker wrote (tests/golden/store-clean:
// half 20741, committed 21375, ops 21678 and 24649).
#include "transaction/transaction_rules.hpp"

#include <string>

#include "catch.hpp"
#include "golden.hpp"
#include "message/checksum.hpp"
#include "message/property_keys.hpp"
#include "message/record.hpp"
#include "proto/flags.hpp"
#include "remoting/frame.hpp"

using namespace rmq;
using namespace rmq::broker;
namespace prop = message::prop;

namespace {

/// The bytes of one record of the golden commit log's first file.
std::string golden_record(int64_t offset, size_t size) {
    static const std::string file =
        test::read_file(test::golden_dir() / "store-clean/store/commitlog/00000000000000000000");
    return file.substr(static_cast<size_t>(offset), size);
}

message::MessageExt decoded(const std::string& bytes) {
    auto r = message::decode_record(std::span<const char>(bytes));
    REQUIRE(r.is_message());
    return std::move(r).record();
}

std::string encoded(const message::MessageExt& msg) {
    std::string out;
    REQUIRE(message::encode_record(msg, out));
    return out;
}

/// What the store fills in at append, as the Java broker did for the golden record.
void stamp(message::MessageExt& msg, const message::MessageExt& stored) {
    msg.queue_offset = stored.queue_offset;
    msg.commit_log_offset = stored.commit_log_offset;
    msg.store_timestamp = stored.store_timestamp;
    msg.body_crc = message::body_crc(std::span<const char>(msg.body));
}

}  // namespace

TEST_CASE("the committed copy of golden half 20741 is golden record 21375 byte for byte") {
    const auto half = decoded(golden_record(20741, 315));
    const std::string expected = golden_record(21375, 303);
    auto committed = committed_message(half);
    REQUIRE(committed);
    CHECK(committed->topic == "StoreTxTopic");
    CHECK(committed->queue_id == 0);
    CHECK((committed->sys_flag & proto::msg_sys_flag::kTransactionMask)
          == proto::msg_sys_flag::kTransactionCommitType);
    CHECK(committed->prepared_transaction_offset == 20741);
    stamp(*committed, decoded(expected));
    CHECK(encoded(*committed) == expected);
}

TEST_CASE("the delete ops are golden records 21678 and 24649 byte for byte") {
    const auto store_host = message::HostAddress::parse("127.0.0.1:20911");
    REQUIRE(store_host);
    for (auto [half_offset, at, born] : {std::tuple{int64_t{0}, int64_t{21678}, 1795357041067},
                                         std::tuple{int64_t{1}, int64_t{24649}, 1795357041084}}) {
        const std::string expected = golden_record(at, 135);
        auto op = op_message(half_offset, 0, born, *store_host);
        CHECK(op_half_offset(op) == half_offset);
        stamp(op, decoded(expected));
        CHECK(encoded(op) == expected);
    }
}

TEST_CASE("a prepared send becomes a half message in queue 0 of the half topic") {
    message::MessageExt msg;
    msg.topic = "Orders";
    msg.queue_id = 3;
    msg.sys_flag = proto::msg_sys_flag::kTransactionPreparedType | proto::msg_sys_flag::kMultiTags;
    msg.set_property(prop::kTransactionPrepared, "TRUE");
    msg.set_property(prop::kProducerGroup, "PG");
    CHECK(is_transaction_prepared(msg));
    const auto half = half_message(msg);
    CHECK(half.topic == "RMQ_SYS_TRANS_HALF_TOPIC");
    CHECK(half.queue_id == 0);
    CHECK(half.sys_flag == proto::msg_sys_flag::kMultiTags);
    CHECK(half.property(prop::kRealTopic) == "Orders");
    CHECK(half.property(prop::kRealQueueId) == "3");
    CHECK(half.property(prop::kTransactionPrepared) == "TRUE");

    msg.set_property(prop::kTransactionPrepared, "yes");
    CHECK_FALSE(is_transaction_prepared(msg));
}

TEST_CASE("END_TRANSACTION must name the half message's group and offsets") {
    message::MessageExt half;
    half.set_property(prop::kProducerGroup, "PG");
    half.queue_offset = 4;
    half.commit_log_offset = 1000;
    proto::EndTransactionRequestHeader h;
    h.producerGroup = "PG";
    h.tranStateTableOffset = 4;
    h.commitLogOffset = 1000;
    CHECK(check_end_transaction_matches(h, half).ok());
    h.commitLogOffset = 1001;
    CHECK(check_end_transaction_matches(h, half).error().remark == "The commit log offset wrong");
    h.tranStateTableOffset = 5;
    CHECK(check_end_transaction_matches(h, half).error().remark
          == "The transaction state table offset wrong");
    h.producerGroup = "Other";
    CHECK(check_end_transaction_matches(h, half).error().remark == "The producer group wrong");
}

TEST_CASE("a committed copy needs REAL_TOPIC and a numeric REAL_QID") {
    message::MessageExt half;
    CHECK_FALSE(committed_message(half));
    half.set_property(prop::kRealTopic, "Orders");
    half.set_property(prop::kRealQueueId, "x");
    CHECK_FALSE(committed_message(half));
    half.set_property(prop::kRealQueueId, "2");
    CHECK(committed_message(half));
}

TEST_CASE("check times and immunity come from the half message's properties") {
    message::MessageExt half;
    auto count = next_check(half, 15);
    CHECK_FALSE(count.discard);
    CHECK(count.times == 1);
    half.set_property(prop::kTransactionCheckTimes, "3");
    count = next_check(half, 15);
    CHECK_FALSE(count.discard);
    CHECK(count.times == 4);
    count = next_check(half, 3);
    CHECK(count.discard);
    CHECK(count.times == 3);
    // The first check of a message is never its discard, whatever the maximum.
    CHECK_FALSE(next_check(message::MessageExt{}, 0).discard);
    half.set_property(prop::kTransactionCheckTimes, "x");
    CHECK(next_check(half, 15).times == 0);

    auto immunity = immunity_of(half, 6000);
    CHECK(immunity.ms == 6000);
    CHECK_FALSE(immunity.explicit_property);
    half.set_property(prop::kCheckImmunityTimeInSeconds, "20");
    immunity = immunity_of(half, 6000);
    CHECK(immunity.ms == 20000);
    CHECK(immunity.explicit_property);
    half.set_property(prop::kCheckImmunityTimeInSeconds, "soon");
    immunity = immunity_of(half, 6000);
    CHECK(immunity.ms == 6000);
    CHECK(immunity.explicit_property);
    half.set_property(prop::kCheckImmunityTimeInSeconds, "-1");
    CHECK(immunity_of(half, 6000).ms == 6000);
}

TEST_CASE("the op progress moves over the run of done op offsets from where it was") {
    CHECK(next_op_offset({}, 5) == 5);
    CHECK(next_op_offset({7, 5, 6}, 5) == 8);
    CHECK(next_op_offset({5, 7}, 5) == 6);
    CHECK(next_op_offset({6, 7}, 5) == 5);
}

TEST_CASE("re-appended and discarded copies keep the half record") {
    message::MessageExt half;
    half.topic = "RMQ_SYS_TRANS_HALF_TOPIC";
    half.body = "b";
    half.flag = 7;
    half.reconsume_times = 2;
    half.born_timestamp = 123;
    half.set_property(prop::kRealTopic, "Orders");
    half.set_property(prop::kRealQueueId, "1");
    const auto again = half_copy(half);
    CHECK(again.topic == "RMQ_SYS_TRANS_HALF_TOPIC");
    CHECK(again.queue_id == 0);
    CHECK(again.properties == half.properties);
    CHECK(again.flag == 0);
    CHECK(again.reconsume_times == 0);
    const auto discarded = discarded_message(half);
    CHECK(discarded.topic == "TRANS_CHECK_MAX_TIME_TOPIC");
    CHECK(discarded.queue_id == 0);
    CHECK(discarded.body == "b");
    CHECK(discarded.flag == 7);
    CHECK(discarded.reconsume_times == 2);
    CHECK(discarded.born_timestamp == 123);

    const auto body = check_request_body(half);
    const auto shown = decoded(body);
    CHECK(shown.topic == "Orders");
    CHECK(shown.queue_id == 1);
    CHECK(shown.flag == 7);
    CHECK(shown.property(prop::kWait) == "false");
}

TEST_CASE("a check body is golden frame 0319's: the copy under its real topic with WAIT=false") {
    auto frame = remoting::decode_frame_bytes(test::read_file(
        test::golden_dir() / "frames/0319-b2c-req-oneway-code39-CHECK_TRANSACTION_STATE.bin"));
    REQUIRE(frame);
    const std::string golden_body = frame->body;
    const auto shown = decoded(golden_body);
    auto header = frame->decode_header<proto::CheckTransactionStateRequestHeader>();
    REQUIRE(header);
    // The body names the re-appended copy, as the header does.
    CHECK(shown.queue_offset == header->tranStateTableOffset);
    CHECK(shown.commit_log_offset == header->commitLogOffset);
    CHECK(shown.property(prop::kTransactionCheckTimes) == "1");

    // The copy as the half queue holds it: half topic, queue 0, WAIT=true.
    message::MessageExt copy = shown;
    copy.topic = "RMQ_SYS_TRANS_HALF_TOPIC";
    copy.queue_id = 0;
    copy.set_property(prop::kWait, "true");
    CHECK(check_request_body(copy) == golden_body);
}
