// queryMsgTraceById as a user runs it: the trace records of one message, found in the trace
// topic by its id, printed as Java's tool prints them (or as JSON), and a clear error when the
// message left no trace.
#include <regex>
#include <thread>

#include "mqadmin_fixture.hpp"
#include "rocketmq/trace.hpp"

using namespace mqadmin_test;
using rocketmq::TraceRecord;
using rocketmq::TraceType;

namespace {

const std::string kTracedId = "7F00000100002A9F00000000000000AA";
const std::string kOtherId = "7F00000100002A9F00000000000000BB";

TraceRecord record(TraceType type, const std::string& id, const std::string& group, int32_t cost,
                   bool success) {
    TraceRecord r;
    r.type = type;
    r.timestamp = 1700000000000;
    r.region_id = "DefaultRegion";
    r.group = group;
    r.request_id = "REQ-" + group;
    r.topic = "Orders";
    r.msg_id = id;
    r.store_host = "127.0.0.1:10911";
    r.cost_time = cost;
    r.success = success;
    return r;
}

/// One trace message as a traced client writes it: several records, found by their ids.
void write_traces(Cluster& c, const std::vector<TraceRecord>& records, const std::string& key) {
    std::string body;
    for (const auto& r : records)
        body += rocketmq::encode_trace_record(r);
    auto sent = c.run({"sendMessage", "-t", "RMQ_SYS_TRACE_TOPIC", "-p", body, "-k", key});
    REQUIRE(sent.code == 0);
}

// The key index is written by the dispatcher after the send returns.
Run trace_query(Cluster& c, std::vector<std::string> args) {
    Run r;
    for (int i = 0; i < 100; ++i) {
        r = c.run(args);
        if (r.code == 0) return r;
        std::this_thread::sleep_for(50ms);
    }
    return r;
}

std::string row(const std::string& a, const std::string& b, const std::string& c,
                const std::string& d, const std::string& e, const std::string& f) {
    return left_pad(a, 10) + ' ' + left_pad(b, 20) + ' ' + left_pad(c, 20) + ' ' + left_pad(d, 20)
           + ' ' + left_pad(e, 10) + ' ' + left_pad(f, 10);
}

}  // namespace

TEST_CASE("queryMsgTraceById shows who sent a message and who consumed it") {
    Cluster c;
    write_traces(c,
                 {record(TraceType::pub, kTracedId, "PG", 3, true),
                  record(TraceType::pub, kOtherId, "OtherPG", 1, true),
                  record(TraceType::sub_before, kTracedId, "CG-1", 0, true),
                  record(TraceType::sub_after, kTracedId, "CG-1", 12, false),
                  record(TraceType::sub_after, kTracedId, "CG-2", 7, true),
                  record(TraceType::sub_after, kTracedId, "CG-1", 5, true)},
                 kTracedId);

    auto text = trace_query(c, {"queryMsgTraceById", "-i", kTracedId});
    REQUIRE(text.code == 0);
    INFO(text.out);
    auto lines = lines_of(text.out);
    REQUIRE(lines.size() == 10);
    const std::regex time(R"(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)");
    for (auto& line : lines)
        line = std::regex_replace(line, time, "yyyy-MM-dd HH:mm:ss");
    CHECK(lines[0]
          == row("#Type", "#ProducerGroup", "#ClientHost", "#SendTime", "#CostTimes", "#Status"));
    // The address the trace message was sent from: where mqadmin's producer runs.
    const std::string host = lines[1].substr(32, lines[1].find(' ', 32) - 32);
    CHECK(std::regex_match(host, std::regex(R"(\d+\.\d+\.\d+\.\d+)")));
    CHECK(lines[1] == row("Pub", "PG", host, "yyyy-MM-dd HH:mm:ss", "3ms", "success"));
    CHECK(lines[2].empty());
    // Every consume of a group under one heading; SubBefore and other messages' records never
    // show.
    CHECK(
        lines[3]
        == row("#Type", "#ConsumerGroup", "#ClientHost", "#ConsumerTime", "#CostTimes", "#Status"));
    CHECK(lines[4] == row("Sub", "CG-1", host, "yyyy-MM-dd HH:mm:ss", "12ms", "failed"));
    CHECK(lines[5] == row("Sub", "CG-1", host, "yyyy-MM-dd HH:mm:ss", "5ms", "success"));
    CHECK(lines[6].empty());
    CHECK(lines[8] == row("Sub", "CG-2", host, "yyyy-MM-dd HH:mm:ss", "7ms", "success"));

    auto json = c.run({"queryMsgTraceById", "-i", kTracedId, "--json"});
    REQUIRE(json.code == 0);
    auto list = parse_json(json.out);
    REQUIRE(list.if_array());
    REQUIRE(list.if_array()->size() == 5);
    const auto& before = list.if_array()->at(1);
    CHECK(*before.find("type")->if_string() == "SubBefore");
    CHECK(*before.find("requestId")->if_string() == "REQ-CG-1");
    CHECK(*before.find("msgId")->if_string() == kTracedId);

    auto elsewhere =
        c.run({"queryMsgTraceById", "-i", kTracedId, "-t", "RMQ_SYS_TRACE_TOPIC", "--json"});
    CHECK(elsewhere.out == json.out);
}

TEST_CASE("queryMsgTraceById says so when a message left no trace") {
    Cluster c;
    write_traces(c, {record(TraceType::pub, kOtherId, "PG", 1, true)}, kOtherId);
    REQUIRE(trace_query(c, {"queryMsgTraceById", "-i", kOtherId}).code == 0);

    auto none = c.run({"queryMsgTraceById", "-i", kTracedId});
    CHECK(none.code == 1);
    CHECK(contains(none.err, "no trace of message " + kTracedId + " in RMQ_SYS_TRACE_TOPIC"));
    auto no_topic = c.run({"queryMsgTraceById", "-i", kTracedId, "-t", "NoSuchTraceTopic"});
    CHECK(no_topic.code == 1);
    CHECK(contains(no_topic.err, "NoSuchTraceTopic"));
    CHECK(c.run({"queryMsgTraceById"}).code == 2);
}
