// Stored-record encoder/decoder against the spec example and for IPv6 hosts and magic v2.
#include <string>

#include "catch.hpp"
#include "message/checksum.hpp"
#include "message/java_hash.hpp"
#include "message/record.hpp"
#include "message/record_reader.hpp"
#include "message_test_support.hpp"
#include "proto/flags.hpp"

using namespace rmq::message;

namespace {

// spec/message-format.md §13
const char* const kSpecRecordHex = R"(
0000: 00 00 00 82 da a3 20 a7 77 d1 89 82 00 00 00 00
0010: 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
0020: 00 00 00 00 00 00 00 00 00 00 01 8b cf e5 68 00
0030: 7f 00 00 01 00 00 d4 31 00 00 01 8b cf e5 68 64
0040: 7f 00 00 01 00 00 2a 9f 00 00 00 00 00 00 00 00
0050: 00 00 00 00 00 00 00 05 48 65 6c 6c 6f 09 54 6f
0060: 70 69 63 54 65 73 74 00 19 4b 45 59 53 01 4f 72
0070: 64 65 72 49 44 30 30 31 02 54 41 47 53 01 54 61
0080: 67 41
)";

RecordView spec_record_fields() {
    RecordView r;
    r.topic = "TopicTest";
    r.queue_id = 0;
    r.flag = 0;
    r.queue_offset = 0;
    r.commit_log_offset = 0;
    r.sys_flag = 0;
    r.born_timestamp = 1700000000000;
    r.born_host = *HostAddress::parse("127.0.0.1:54321");
    r.store_timestamp = 1700000000100;
    r.store_host = *HostAddress::parse("127.0.0.1:10911");
    r.reconsume_times = 0;
    r.prepared_transaction_offset = 0;
    r.body = "Hello";
    r.body_crc = body_crc(r.body);
    r.properties = "KEYS\x01OrderID001\x02TAGS\x01TagA";
    return r;
}

}  // namespace

TEST_CASE("spec §13 record encodes byte-identically", "[message][record]") {
    const std::string expected = rmq::test::hex_dump_to_bytes(kSpecRecordHex);
    REQUIRE(expected.size() == 130);
    const RecordView r = spec_record_fields();
    CHECK(r.body_crc == 2010220930);

    auto size = encoded_record_size(r);
    REQUIRE(size.ok());
    CHECK(*size == 130);
    std::string out = "prefix";
    auto n = encode_record(r, out);
    REQUIRE(n.ok());
    CHECK(*n == 130);
    CHECK(out == "prefix" + expected);  // appends
}

TEST_CASE("spec §13 record decodes to its fields", "[message][record]") {
    const std::string bytes = rmq::test::hex_dump_to_bytes(kSpecRecordHex);
    auto r = decode_record_view(bytes, DecodeOptions{.verify_body_crc = true});
    REQUIRE(r.is_message());
    CHECK(r.size() == 130);
    const RecordView& v = r.record();
    CHECK(v.store_size == 130);
    CHECK(v.magic == kMagicV1);
    CHECK(v.body_crc == 2010220930);
    CHECK(v.topic == "TopicTest");
    CHECK(v.body == "Hello");
    CHECK(v.born_timestamp == 1700000000000);
    CHECK(v.born_host.to_string() == "127.0.0.1:54321");
    CHECK(v.store_timestamp == 1700000000100);
    CHECK(v.store_host.to_string() == "127.0.0.1:10911");
    CHECK(v.offset_msg_id() == "7F00000100002A9F0000000000000000");

    auto owned = decode_record(bytes);
    REQUIRE(owned.is_message());
    const MessageExt& m = owned.record();
    CHECK(m.topic == "TopicTest");
    CHECK(m.keys() == "OrderID001");
    CHECK(m.tags() == "TagA");
    CHECK(m.tags_code() == 2598919);
    CHECK(m.uniq_key().empty());
    CHECK(m.properties.size() == 2);
    CHECK_FALSE(m.body_compressed());
    CHECK(m.transaction_type() == rmq::proto::msg_sys_flag::kTransactionNotType);

    std::string again;
    REQUIRE(encode_record(m, again).ok());
    CHECK(again == bytes);
}

TEST_CASE("IPv6 born and store hosts move the later fields by 12 each", "[message][record]") {
    namespace sf = rmq::proto::msg_sys_flag;
    const RecordView base = spec_record_fields();
    const HostAddress v6_born = *HostAddress::parse("[2001:db8::1]:54321");
    const HostAddress v6_store = *HostAddress::parse("[fe80::a:b]:10911");

    struct Case {
        bool born_v6, store_v6;
        std::size_t size;
        int32_t flags;
    };
    for (Case c :
         {Case{true, false, 142, sf::kBornHostV6}, Case{false, true, 142, sf::kStoreHostV6},
          Case{true, true, 154, sf::kBornHostV6 | sf::kStoreHostV6}}) {
        RecordView r = base;
        if (c.born_v6) r.born_host = v6_born;
        if (c.store_v6) r.store_host = v6_store;
        std::string out;
        REQUIRE(encode_record(r, out).ok());
        CHECK(out.size() == c.size);
        auto d = decode_record_view(out, DecodeOptions{.verify_body_crc = true});
        REQUIRE(d.is_message());
        const RecordView& v = d.record();
        CHECK(v.sys_flag == c.flags);  // set by the encoder from the host families
        CHECK(v.born_host == r.born_host);
        CHECK(v.store_host == r.store_host);
        CHECK(v.store_timestamp == r.store_timestamp);
        CHECK(v.topic == r.topic);
        CHECK(v.body == r.body);
        CHECK(v.properties == r.properties);
        CHECK(v.offset_msg_id().size() == (c.store_v6 ? 56U : 32U));
        std::string again;
        REQUIRE(encode_record(v, again).ok());
        CHECK(again == out);
    }
}

TEST_CASE("encoder keeps the host bits of sys_flag consistent", "[message][record]") {
    namespace sf = rmq::proto::msg_sys_flag;
    RecordView r = spec_record_fields();
    r.sys_flag = sf::kBornHostV6 | sf::kStoreHostV6 | sf::kCompressed;  // lies: hosts are IPv4
    std::string out;
    REQUIRE(encode_record(r, out).ok());
    CHECK(out.size() == 130);
    auto d = decode_record_view(out);
    REQUIRE(d.is_message());
    CHECK(d.record().sys_flag == sf::kCompressed);
}

TEST_CASE("magic v2 records use a 2-byte topic length", "[message][record]") {
    RecordView r = spec_record_fields();
    const std::string long_topic(200, 't');
    r.topic = long_topic;

    std::string out;
    auto v1 = encode_record(r, out);  // v1 cannot carry a 200-byte topic
    REQUIRE_FALSE(v1.ok());
    CHECK(v1.error().code == errc::field_too_long);
    CHECK(out.empty());

    r.magic = kMagicV2;
    REQUIRE(encode_record(r, out).ok());
    CHECK(out.size() == 91 + 1 + 5 + 200 + 25);
    auto d = decode_record_view(out);
    REQUIRE(d.is_message());
    CHECK(d.record().magic == kMagicV2);
    CHECK(d.record().topic == long_topic);
    CHECK(d.record().properties == r.properties);
    std::string again;
    REQUIRE(encode_record(d.record(), again).ok());
    CHECK(again == out);

    // Short topics in v2 still take 2 bytes.
    r.topic = "T";
    std::string short_v2;
    REQUIRE(encode_record(r, short_v2).ok());
    CHECK(short_v2.size() == 91 + 1 + 5 + 1 + 25);
    CHECK(decode_record_view(short_v2).is_message());
}

TEST_CASE("encoder rejects fields that do not fit", "[message][record]") {
    RecordView r = spec_record_fields();
    const std::string topic127(127, 'a');
    r.topic = topic127;
    std::string out;
    CHECK(encode_record(r, out).ok());

    const std::string topic128(128, 'a');
    r.topic = topic128;
    CHECK(encoded_record_size(r).error().code == errc::field_too_long);

    r = spec_record_fields();
    const std::string props_max(32767, 'p');
    r.properties = props_max;
    CHECK(encoded_record_size(r).ok());
    const std::string props_over(32768, 'p');
    r.properties = props_over;
    CHECK(encoded_record_size(r).error().code == errc::field_too_long);

    r = spec_record_fields();
    r.magic = 0x12345678;
    CHECK(encoded_record_size(r).error().code == errc::bad_magic);

    r = spec_record_fields();
    std::string small(129, '\0');
    auto n = encode_record_to(r, small);
    REQUIRE_FALSE(n.ok());
    CHECK(n.error().code == errc::buffer_too_small);
    std::string exact(130, '\0');
    CHECK(encode_record_to(r, exact).ok());
}

TEST_CASE("empty body, topic and properties", "[message][record]") {
    RecordView r;
    r.born_host = *HostAddress::parse("10.0.0.1:1");
    r.store_host = *HostAddress::parse("10.0.0.2:2");
    std::string out;
    REQUIRE(encode_record(r, out).ok());
    CHECK(out.size() == kMinRecordSize);
    auto d = decode_record(out);
    REQUIRE(d.is_message());
    CHECK(d.record().topic.empty());
    CHECK(d.record().body.empty());
    CHECK(d.record().properties.empty());
}

TEST_CASE("blank end-of-file marker is a distinct result", "[message][record]") {
    std::string file(875, '\0');
    encode_blank_marker(875, std::span<char, 8>(file.data(), 8));
    CHECK(rmq::test::hex_dump_to_bytes("00 00 03 6b cb d4 31 94") == file.substr(0, 8));
    auto r = decode_record_view(file);
    REQUIRE(r.is_blank());
    CHECK(r.kind() == RecordKind::blank);
    CHECK(r.size() == 875);
    // Only the 8 marker bytes are needed.
    auto just_marker = decode_record_view(std::span<const char>(file.data(), 8));
    REQUIRE(just_marker.is_blank());
    CHECK(just_marker.size() == 875);
    auto owned = decode_record(file);
    REQUIRE(owned.is_blank());
    CHECK(owned.size() == 875);

    // A marker claiming fewer than its own 8 bytes is corrupt.
    encode_blank_marker(7, std::span<char, 8>(file.data(), 8));
    auto bad = decode_record_view(file);
    REQUIRE(bad.is_error());
    CHECK(bad.error().code == errc::size_mismatch);
}

TEST_CASE("RecordReader walks concatenated records", "[message][record]") {
    const std::string one = rmq::test::hex_dump_to_bytes(kSpecRecordHex);
    RecordView second = spec_record_fields();
    second.commit_log_offset = 130;
    second.queue_offset = 1;
    second.properties = "";
    std::string body = one;
    REQUIRE(encode_record(second, body).ok());
    const std::size_t two_records = body.size();

    SECTION("clean end") {
        RecordReader reader = decode_records(body);
        std::vector<int64_t> offsets;
        for (const RecordView& v : reader)
            offsets.push_back(v.commit_log_offset);
        CHECK(offsets == std::vector<int64_t>{0, 130});
        CHECK(reader.finished_cleanly());
        CHECK_FALSE(reader.error());
        CHECK(reader.consumed() == two_records);
        CHECK(decode_messages(body).size() == 2);
    }
    SECTION("stops at a truncated third record") {
        body += one.substr(0, 100);
        RecordReader reader(body);
        std::size_t n = 0;
        while (reader.next())
            ++n;
        CHECK(n == 2);
        REQUIRE(reader.error());
        CHECK(reader.error()->code == errc::truncated);
        CHECK(reader.consumed() == two_records);
        CHECK_FALSE(reader.finished_cleanly());
        CHECK_FALSE(reader.next());  // stays stopped
        CHECK(decode_messages(body).size() == 2);
    }
    SECTION("stops at a blank marker") {
        std::string marker(8, '\0');
        encode_blank_marker(8, std::span<char, 8>(marker.data(), 8));
        body += marker;
        body += one;
        RecordReader reader(body);
        std::size_t n = 0;
        for ([[maybe_unused]] const RecordView& v : reader)
            ++n;
        CHECK(n == 2);
        REQUIRE(reader.error());
        CHECK(reader.error()->code == errc::blank_record);
    }
    SECTION("empty body") {
        RecordReader reader(std::span<const char>{});
        CHECK_FALSE(reader.next());
        CHECK(reader.finished_cleanly());
    }
}
