// The data-plane commands as a user runs them: a message sent with sendMessage is found by
// every query and pull command, and consumerProgress shows a group's lag.
#include <chrono>
#include <fstream>
#include <iterator>
#include <thread>

#include "mqadmin_fixture.hpp"
#include "proto/response_code.hpp"
#include "send_helpers.hpp"

using namespace mqadmin_test;

namespace {

std::string last_word(const std::string& line) {
    return line.substr(line.find_last_of(' ') + 1);
}

size_t count_of(const std::string& text, const std::string& part) {
    size_t n = 0;
    for (auto pos = text.find(part); pos != std::string::npos; pos = text.find(part, pos + 1))
        ++n;
    return n;
}

// A topic with one queue, so every message's queue and offset are known.
void make_topic(Cluster& c, const std::string& topic) {
    REQUIRE(c.run({"updateTopic", "-c", "DefaultCluster", "-t", topic, "-r", "1", "-w", "1"}).code
            == 0);
    c.sync_routes();
}

// The unique key (msgId) sendMessage printed.
std::string send(Cluster& c, const std::string& topic, const std::string& body,
                 const std::string& key, const std::string& tag) {
    auto r = c.run({"sendMessage", "-t", topic, "-p", body, "-k", key, "-c", tag, "-b", "broker-a",
                    "-i", "0"});
    REQUIRE(r.code == 0);
    auto lines = lines_of(r.out);
    REQUIRE(lines.size() == 2);
    CHECK(lines[0]
          == left_pad("#Broker Name", 32) + "  #QID  " + left_pad("#Send Result", 20)
                 + "    #MsgId");
    CHECK(lines[1].rfind(left_pad("broker-a", 32) + "  0     SEND_OK", 0) == 0);
    return last_word(lines[1]);
}

// Sends return once stored; the consume queue (and with it the max offset) follows from the
// dispatcher.
void wait_dispatched(Cluster& c, const std::string& topic, int64_t count) {
    for (int i = 0; i < 100 && test::max_offset(c, topic, 0) < count; ++i)
        std::this_thread::sleep_for(20ms);
    REQUIRE(test::max_offset(c, topic, 0) == count);
}

// The key index is written by the dispatcher after the send returns.
Run query_until_found(Cluster& c, std::vector<std::string> args) {
    Run r;
    for (int i = 0; i < 50; ++i) {
        r = c.run(args);
        if (r.code == 0 && lines_of(r.out).size() > 1) return r;
        std::this_thread::sleep_for(50ms);
    }
    return r;
}

}  // namespace

TEST_CASE("a message sent with sendMessage is found by id, key, unique key and offset") {
    Cluster c;
    make_topic(c, "Data");
    const auto uniq = send(c, "Data", "hello", "k1", "TagA");
    CHECK(uniq.size() == 32);
    CHECK(uniq.find_first_not_of("0123456789ABCDEF") == std::string::npos);

    auto by_key = query_until_found(c, {"queryMsgByKey", "-t", "Data", "-k", "k1"});
    REQUIRE(by_key.code == 0);
    auto rows = lines_of(by_key.out);
    REQUIRE(rows.size() == 2);
    CHECK(rows[0] == left_pad("#Message ID", 50) + " #QID " + std::string(33, ' ') + "#Offset");
    // Java lists the id its client reports: the unique key.
    CHECK(rows[1] == left_pad(uniq, 50) + "    0 " + std::string(39, ' ') + "0");
    auto by_key_json = c.run({"queryMsgByKey", "-t", "Data", "-k", "k1", "--json"});
    REQUIRE(by_key_json.code == 0);
    auto hits = parse_json(by_key_json.out);
    REQUIRE(hits.if_array());
    REQUIRE(hits.if_array()->size() == 1);
    const auto offset_id = *hits.if_array()->at(0).find("offsetMsgId")->if_string();
    CHECK(offset_id.size() == 32);
    CHECK(offset_id != uniq);
    // Another key's index hits never show.
    auto other = c.run({"queryMsgByKey", "-t", "Data", "-k", "k2"});
    REQUIRE(other.code == 0);
    CHECK(lines_of(other.out).size() == 1);

    auto by_id = c.run({"queryMsgById", "-i", offset_id});
    REQUIRE(by_id.code == 0);
    CHECK(contains(by_id.out, "Topic:               Data\n"));
    CHECK(contains(by_id.out, "Tags:                [TagA]\n"));
    CHECK(contains(by_id.out, "Keys:                [k1]\n"));
    CHECK(contains(by_id.out, "Queue ID:            0\n"));
    CHECK(contains(by_id.out, "Queue Offset:        0\n"));
    CHECK(contains(by_id.out, "Store Host:          " + c.broker_addr + "\n"));
    CHECK(contains(by_id.out, "UNIQ_KEY=" + uniq));
    // As in 4.9.8, a single send is stored without its WAIT property.
    CHECK_FALSE(contains(by_id.out, "WAIT="));
    auto path_line = lines_of(by_id.out).back();
    REQUIRE(path_line.rfind("Message Body Path:", 0) == 0);
    std::ifstream body_file(last_word(path_line));
    CHECK(std::string(std::istreambuf_iterator<char>(body_file), {}) == "hello");

    CHECK(lines_of(by_id.out).front() == "OffsetID:            " + offset_id);
    auto by_uniq = c.run({"queryMsgByUniqueKey", "-i", uniq, "-t", "Data"});
    REQUIRE(by_uniq.code == 0);
    // Java's unique-key listing has no OffsetID line.
    CHECK("OffsetID:            " + offset_id + "\n" + by_uniq.out == by_id.out);

    auto by_offset =
        c.run({"queryMsgByOffset", "-t", "Data", "-b", "broker-a", "-i", "0", "-o", "0"});
    REQUIRE(by_offset.code == 0);
    CHECK(by_offset.out == by_id.out);

    auto json = c.run({"queryMsgById", "-i", offset_id, "--json"});
    REQUIRE(json.code == 0);
    auto v = parse_json(json.out);
    REQUIRE(v.if_array());
    REQUIRE(v.if_array()->size() == 1);
    CHECK(*v.if_array()->at(0).find("body")->if_string() == "hello");
    CHECK(*v.if_array()->at(0).find("uniqKey")->if_string() == uniq);
    CHECK(last_word(path_line) == "/tmp/rocketmq/msgbodys/" + uniq);
}

TEST_CASE("the message queries fail with a reason") {
    Cluster c;
    make_topic(c, "Data");
    auto bad_id = c.run({"queryMsgById", "-i", "XYZ"});
    CHECK(bad_id.code == 1);
    CHECK(contains(bad_id.err, "not a message id"));

    auto no_uniq = c.run({"queryMsgByUniqueKey", "-i", std::string(32, 'A'), "-t", "Data"});
    CHECK(no_uniq.code == 1);
    CHECK(contains(no_uniq.err, "no message with unique key"));

    auto past_end =
        c.run({"queryMsgByOffset", "-t", "Data", "-b", "broker-a", "-i", "0", "-o", "5"});
    CHECK(past_end.code == 1);
    CHECK(contains(past_end.err, "no message at offset 5"));

    // As with Java's tool, a topic without a route is sent through TBW102 and created.
    auto new_topic = c.run({"sendMessage", "-t", "Missing", "-p", "x"});
    CHECK(new_topic.code == 0);
    CHECK(contains(new_topic.out, "SEND_OK"));
    auto no_broker = c.run({"sendMessage", "-t", "Data", "-p", "x", "-b", "nope", "-i", "0"});
    CHECK(no_broker.code == 1);
    CHECK(contains(no_broker.err, "nope"));
    CHECK(std::count(no_broker.err.begin(), no_broker.err.end(), '\n') == 1);

    auto usage = c.run({"consumeMessage", "-t", "Data", "-i", "0"});
    CHECK(usage.code == 2);
    CHECK(c.run({"sendMessage", "-t", "Data", "-p", "x", "-i", "0"}).code == 2);
}

TEST_CASE("consumeMessage and printMsg pull and print every message") {
    Cluster c;
    make_topic(c, "Data");
    send(c, "Data", "first", "k1", "TagA");
    send(c, "Data", "second", "k2", "TagB");
    wait_dispatched(c, "Data", 2);

    auto all = c.run({"consumeMessage", "-t", "Data"});
    REQUIRE(all.code == 0);
    INFO(all.out);
    CHECK(count_of(all.out, "Consume ok\n") == 1);
    CHECK(count_of(all.out, "MSGID: ") == 2);
    CHECK(contains(all.out, "BODY: first\n"));
    CHECK(contains(all.out, "BODY: second\n"));
    CHECK(contains(all.out, "MessageExt [brokerName=broker-a, queueId=0"));
    CHECK(contains(all.out,
                   "MessageQueue [topic=Data, brokerName=broker-a, queueId=0] print msg "
                   "finished. status=NO_NEW_MSG, offset=2\n"));

    auto from_one = c.run({"consumeMessage", "-t", "Data", "-b", "broker-a", "-i", "0", "-o", "1"});
    REQUIRE(from_one.code == 0);
    CHECK(count_of(from_one.out, "MSGID: ") == 1);
    CHECK(contains(from_one.out, "BODY: second\n"));

    auto one = c.run({"consumeMessage", "-t", "Data", "-c", "1", "--json"});
    REQUIRE(one.code == 0);
    auto v = parse_json(one.out);
    REQUIRE(v.if_array());
    REQUIRE(v.if_array()->size() == 1);
    CHECK(*v.if_array()->at(0).find("body")->if_string() == "first");

    auto printed = c.run({"printMsg", "-t", "Data"});
    REQUIRE(printed.code == 0);
    auto lines = lines_of(printed.out);
    REQUIRE(lines.size() == 4);
    CHECK(lines[0]
          == "minOffset=0, maxOffset=2, MessageQueue [topic=Data, brokerName=broker-a, "
             "queueId=0]");
    CHECK(lines[1].rfind("MSGID: ", 0) == 0);
    CHECK(contains(lines[1], "properties={"));
    CHECK(contains(lines[1], "BODY: first"));
    CHECK(contains(lines[2], "BODY: second"));
    CHECK(lines[3] == std::string(56, '-'));

    auto no_body = c.run({"printMsg", "-t", "Data", "-d", "false"});
    REQUIRE(no_body.code == 0);
    CHECK(count_of(no_body.out, "BODY: NOT PRINT BODY") == 2);

    auto tag_b = c.run({"printMsg", "-t", "Data", "-s", "TagB"});
    REQUIRE(tag_b.code == 0);
    CHECK(count_of(tag_b.out, "MSGID: ") == 1);
    CHECK(contains(tag_b.out, "BODY: second"));
}

TEST_CASE("consumerProgress shows a group's offsets and the lag") {
    Cluster c;
    make_topic(c, "Data");
    for (int i = 0; i < 3; ++i)
        send(c, "Data", "m" + std::to_string(i), "k", "T");
    wait_dispatched(c, "Data", 3);
    // A consumer's heartbeat would create the retry topic the group is looked up by.
    make_topic(c, "%RETRY%G1");
    REQUIRE(c.call(c.broker_addr, test::update_offset_request("G1", "Data", 0, 1)).code == 0);

    auto progress = c.run({"consumerProgress", "-g", "G1", "-s", "true"});
    REQUIRE(progress.code == 0);
    auto lines = lines_of(progress.out);
    REQUIRE(lines.size() == 5);
    CHECK(lines[0]
          == left_pad("#Topic", 64) + "  " + left_pad("#Broker Name", 32) + "  #QID  "
                 + left_pad("#Broker Offset", 20) + "  " + left_pad("#Consumer Offset", 20) + "  "
                 + left_pad("#Client IP", 20) + " " + left_pad("#Diff", 20) + "  #LastTime");
    CHECK(lines[1].rfind(left_pad("Data", 64) + "  " + left_pad("broker-a", 32) + "  0     "
                             + left_pad("3", 20) + "  " + left_pad("1", 20) + "  "
                             + left_pad("N/A", 20) + " " + left_pad("2", 20) + "  ",
                         0)
          == 0);
    CHECK(lines[2].empty());
    CHECK(lines[3] == "Consume TPS: 0.00");
    CHECK(lines[4] == "Diff Total: 2");
    // Without -s, Java's table has no client column.
    auto plain = c.run({"consumerProgress", "-g", "G1"});
    REQUIRE(plain.code == 0);
    CHECK(lines_of(plain.out).at(1).rfind(left_pad("Data", 64) + "  " + left_pad("broker-a", 32)
                                              + "  0     " + left_pad("3", 20) + "  "
                                              + left_pad("1", 20) + "  " + left_pad("2", 20) + "  ",
                                          0)
          == 0);

    auto json = c.run({"consumerProgress", "-g", "G1", "-t", "Data", "--json"});
    REQUIRE(json.code == 0);
    auto v = parse_json(json.out);
    CHECK(*v.find("diffTotal")->if_int() == 2);

    auto unknown = c.run({"consumerProgress", "-g", "Nobody"});
    CHECK(unknown.code == 1);
    CHECK(contains(unknown.err, "%RETRY%Nobody"));
    CHECK(c.run({"consumerProgress", "-g"}).code == 2);  // -g without its value
}
