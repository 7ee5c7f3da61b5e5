// Trace records as 4.9.8 writes them: the records of TraceCodecOracle.java encode to exactly
// what Java's TraceDataEncoder wrote for them, read back to the same records, and carry the
// same keys; bodies that are not trace data are read without harm.
#include <algorithm>
#include <fstream>
#include <map>
#include <set>

#include "catch.hpp"
#include "rocketmq/trace.hpp"

using rocketmq::TraceMessageType;
using rocketmq::TraceRecord;
using rocketmq::TraceType;

namespace {

struct Golden {
    std::string data;  // \x01 and \x02 shown as "\1" and "\2"
    std::string keys;  // sorted, space-separated
};

std::map<std::string, Golden> golden() {
    std::ifstream in(RMQ_TRACE_RECORDS);
    std::map<std::string, Golden> out;
    for (std::string line; std::getline(in, line);) {
        const auto a = line.find('\t');
        const auto b = line.find('\t', a + 1);
        out[line.substr(0, a)] = {line.substr(a + 1, b - a - 1), line.substr(b + 1)};
    }
    return out;
}

std::string shown(const std::string& data) {
    std::string out;
    for (char c : data) {
        if (c == '\x01')
            out += "\\1";
        else if (c == '\x02')
            out += "\\2";
        else
            out += c;
    }
    return out;
}

std::string keys_of(const std::vector<TraceRecord>& records) {
    std::vector<std::string> keys;
    for (const auto& r : records)
        rocketmq::add_trace_keys(r, keys);
    std::set<std::string> sorted(keys.begin(), keys.end());
    std::string out;
    for (const auto& k : sorted)
        out += (out.empty() ? "" : " ") + k;
    return out;
}

TraceRecord pub() {
    TraceRecord r;
    r.type = TraceType::pub;
    r.timestamp = 1700000000123;
    r.region_id = "DefaultRegion";
    r.group = "PG";
    r.topic = "TopicA";
    r.msg_id = "7F00000100002A9F0000000000000001";
    r.tags = "TagA";
    r.keys = "order-1 order-2";
    r.store_host = "127.0.0.1:10911";
    r.body_length = 11;
    r.cost_time = 3;
    r.offset_msg_id = "7F00000100002A9F00000000000004D2";
    return r;
}

TraceRecord bare_pub() {
    TraceRecord r;
    r.timestamp = 1700000000456;
    r.region_id = "RegionX";
    r.group = "PG";
    r.topic = "TopicB";
    r.msg_id = "7F00000100002A9F0000000000000002";
    r.store_host = "10.0.0.5:10911";
    r.cost_time = 250;
    r.msg_type = TraceMessageType::delay;
    r.offset_msg_id = "0A00000500002A9F0000000000000000";
    r.success = false;
    return r;
}

std::vector<TraceRecord> consumed(TraceType type) {
    TraceRecord first;
    first.type = type;
    first.group = "CG";
    first.request_id = "0A000005000018B4AAC2000000000001";
    first.msg_id = "AC1100020001000000000000000000A1";
    first.keys = "k1";
    TraceRecord second = first;
    second.msg_id = "AC1100020001000000000000000000A2";
    second.keys.clear();
    second.retry_times = 3;
    for (auto* r : {&first, &second}) {
        if (type == TraceType::sub_before) {
            r->timestamp = 1700000001000;
        } else {
            r->timestamp = 1700000001020;
            r->cost_time = 10;
            r->success = false;
            r->context_code = 4;
            r->retry_times = 0;  // a SubAfter does not carry it
        }
    }
    return {first, second};
}

TraceRecord end_transaction() {
    TraceRecord r;
    r.type = TraceType::end_transaction;
    r.timestamp = 1700000002000;
    r.region_id = "DefaultRegion";
    r.group = "TxPG";
    r.topic = "TxTopic";
    r.msg_id = "7F00000100002A9F0000000000000003";
    r.tags = "TagT";
    r.keys = "tx-key";
    r.store_host = "127.0.0.1:10911";
    r.msg_type = TraceMessageType::transaction_commit;
    r.transaction_id = "7F00000100002A9F0000000000000003";
    r.transaction_state = "ROLLBACK_MESSAGE";
    r.from_transaction_check = true;
    return r;
}

std::map<std::string, std::vector<TraceRecord>> cases() {
    return {{"pub", {pub()}},
            {"pub-without-tags-and-keys", {bare_pub()}},
            {"sub-before-batch", consumed(TraceType::sub_before)},
            {"sub-after-batch", consumed(TraceType::sub_after)},
            {"end-transaction", {end_transaction()}}};
}

std::string encode_all(const std::vector<TraceRecord>& records) {
    std::string data;
    for (const auto& r : records)
        data += rocketmq::encode_trace_record(r);
    return data;
}

}  // namespace

TEST_CASE("trace records encode as 4.9.8's TraceDataEncoder wrote them") {
    const auto expected = golden();
    REQUIRE(expected.size() == cases().size());
    for (const auto& [name, records] : cases()) {
        INFO(name);
        REQUIRE(expected.contains(name));
        CHECK(shown(encode_all(records)) == expected.at(name).data);
        CHECK(keys_of(records) == expected.at(name).keys);
    }
}

TEST_CASE("trace data reads back into the records it was written from") {
    for (const auto& [name, records] : cases()) {
        INFO(name);
        auto decoded = rocketmq::decode_trace_data(encode_all(records));
        // SubBefore does not carry the success flag, and Java reads it as true.
        CHECK(decoded == records);
    }
    const auto all = encode_all(cases().at("pub")) + encode_all(cases().at("sub-after-batch"));
    CHECK(rocketmq::decode_trace_data(all).size() == 3);
}

TEST_CASE("trace data reads Java's older layouts") {
    // A Pub of 13 fields (no offset id) and one of 15 (with the client host); a SubAfter of 6
    // (before the context code) and of 7 (Java's cloud channel, no timestamp or group).
    const std::string data =
        "Pub\x01"
        "1\x01"
        "R\x01"
        "G\x01"
        "T\x01"
        "ID1\x01"
        "null\x01"
        "null\x01"
        "h:1\x01"
        "5\x01"
        "2\x01"
        "0\x01"
        "true\x02"
        "Pub\x01"
        "1\x01"
        "R\x01"
        "G\x01"
        "T\x01"
        "ID2\x01"
        "a\x01"
        "b\x01"
        "h:1\x01"
        "5\x01"
        "2\x01"
        "3\x01"
        "OFF\x01"
        "TRUE\x01"
        "10.0.0.1\x02"
        "SubAfter\x01"
        "REQ\x01"
        "ID3\x01"
        "7\x01"
        "true\x01"
        "k\x02"
        "SubAfter\x01"
        "REQ\x01"
        "ID4\x01"
        "7\x01"
        "false\x01"
        "k\x01"
        "2\x01\x02";
    const auto records = rocketmq::decode_trace_data(data);
    REQUIRE(records.size() == 4);
    CHECK(records[0].success);
    CHECK(records[0].offset_msg_id.empty());
    CHECK(records[0].tags.empty());
    CHECK(records[1].msg_type == TraceMessageType::delay);
    CHECK(records[1].offset_msg_id == "OFF");
    CHECK(records[1].success);  // Boolean.parseBoolean ignores case
    CHECK(records[1].client_host == "10.0.0.1");
    CHECK(records[2].cost_time == 7);
    CHECK(records[2].group.empty());
    CHECK(records[3].context_code == 2);
    CHECK_FALSE(records[3].success);
}

TEST_CASE("bodies that are not trace data give no records and no crash") {
    for (const std::string& body :
         {std::string(), std::string("hello"), std::string("\x02\x02\x01\x02"),
          std::string("Pub\x01x\x01\x02"),
          std::string("Pub\x01"
                      "1\x01R\x01G\x01T\x01I\x01t\x01"
                      "k\x01h\x01notanumber\x01"
                      "1\x01"
                      "0\x01"
                      "true\x02"),
          std::string("Pub\x01"
                      "1\x01R\x01G\x01T\x01I\x01t\x01k\x01h\x01"
                      "1\x01"
                      "1\x01"
                      "9\x01true\x02"),
          std::string("SubBefore\x01"
                      "1\x02"),
          std::string("EndTransaction\x02"), std::string(100000, '\x01')}) {
        CHECK(rocketmq::decode_trace_data(body).empty());
    }
}
