// Moving and inspecting a group's offsets as a user does with mqadmin: resetOffsetByTime against
// an offline group (the tool rewrites the stored offsets) and a live one (the broker pushes the
// new offsets to its consumers), and brokerConsumeStats.
#include <algorithm>
#include <atomic>
#include <thread>

#include "body/consumer_running_info.hpp"
#include "body/reset_offset.hpp"
#include "common/wall_clock.hpp"
#include "mqadmin_fixture.hpp"
#include "send_helpers.hpp"

using namespace mqadmin_test;

namespace {

/// Topic "Data" with one queue and three messages; returns a time between the first and the
/// second message's store times.
int64_t three_messages(Cluster& c) {
    REQUIRE(c.run({"updateTopic", "-c", "DefaultCluster", "-t", "Data", "-r", "1", "-w", "1"}).code
            == 0);
    c.sync_routes();
    test::Send s;
    s.topic = "Data";
    REQUIRE(c.call(c.broker_addr, test::send_request(s)).code == 0);
    REQUIRE(test::wait_for_max_offset(c, "Data", 0, 1) == 1);
    std::this_thread::sleep_for(20ms);
    const int64_t between = common::epoch_millis();
    std::this_thread::sleep_for(20ms);
    for (int i = 0; i < 2; ++i)
        REQUIRE(c.call(c.broker_addr, test::send_request(s)).code == 0);
    REQUIRE(test::wait_for_max_offset(c, "Data", 0, 3) == 3);
    return between;
}

void commit(Cluster& c, const std::string& group, int64_t offset) {
    REQUIRE(c.call(c.broker_addr, test::update_offset_request(group, "Data", 0, offset)).code == 0);
}

int64_t committed(Cluster& c, const std::string& group) {
    auto response = c.call(c.broker_addr, test::query_offset_request(group, "Data", 0));
    REQUIRE(response.code == 0);
    return std::stoll(*response.ext("offset"));
}

std::string row(std::initializer_list<std::string> cells, size_t width) {
    std::string line;
    for (const auto& cell : cells)
        line += (line.empty() ? "" : "  ") + left_pad(cell, width);
    return line;
}

}  // namespace

TEST_CASE("resetOffsetByTime rewrites an offline group's offsets, forward only with force") {
    Cluster c;
    const int64_t between = three_messages(c);
    commit(c, "G1", 3);
    const std::string when = std::to_string(between);

    auto back = c.run({"resetOffsetByTime", "-g", "G1", "-t", "Data", "-s", when});
    REQUIRE(back.code == 0);
    auto lines = lines_of(back.out);
    REQUIRE(lines.size() == 3);
    CHECK(lines[0]
          == "rollback consumer offset by specified consumerGroup[G1], topic[Data], force[true], "
             "timestamp(string)["
                 + when + "], timestamp(long)[" + when + "]");
    CHECK(lines[1]
          == row({"#brokerName", "#queueId", "#brokerOffset", "#consumerOffset", "#timestampOffset",
                  "#rollbackOffset"},
                 20));
    CHECK(lines[2] == row({"broker-a", "0", "3", "3", "1", "1"}, 20));
    CHECK(committed(c, "G1") == 1);

    // "now" is the end of the queue: without force the group does not move forward.
    auto unforced =
        c.run({"resetOffsetByTime", "-g", "G1", "-t", "Data", "-s", "now", "-f", "false"});
    REQUIRE(unforced.code == 0);
    CHECK(lines_of(unforced.out).at(2) == row({"broker-a", "0", "3", "1", "3", "1"}, 20));
    CHECK(committed(c, "G1") == 1);
    auto forced = c.run({"resetOffsetByTime", "-g", "G1", "-t", "Data", "-s", "now", "--json"});
    REQUIRE(forced.code == 0);
    auto v = parse_json(forced.out);
    CHECK(*v.find("consumersOnline")->if_bool() == false);
    CHECK(committed(c, "G1") == 3);

    // A group without offsets on the topic is refused by the broker, as RocketMQ's is.
    auto fresh = c.run({"resetOffsetByTime", "-g", "G2", "-t", "Data", "-s", when});
    CHECK(fresh.code == 1);
    CHECK(contains(fresh.err, "THe consumer group <G2> not exist"));

    auto bad = c.run({"resetOffsetByTime", "-g", "G1", "-t", "Data", "-s", "yesterday"});
    CHECK(bad.code == 2);
    CHECK(contains(bad.err, "yyyy-MM-dd#HH:mm:ss:SSS"));
    CHECK(c.run({"resetOffsetByTime", "-g", "G1", "-t", "Data"}).code == 2);
}

TEST_CASE("resetOffsetByTime with a live consumer lets the broker push the offsets") {
    Cluster c;
    const int64_t between = three_messages(c);
    commit(c, "G1", 3);
    std::atomic<int> pushed{0};
    remoting::RemotingClient consumer;
    consumer.register_processor(
        proto::to_int(proto::RequestCode::RESET_CONSUMER_CLIENT_OFFSET),
        [&](remoting::RequestContext&,
            RemotingCommand& request) -> boost::asio::awaitable<std::optional<RemotingCommand>> {
            if (request.body.find(R"("topic":"Data"}:1)") != std::string::npos) ++pushed;
            co_return std::nullopt;
        });
    test::HeartbeatSpec spec;
    spec.consumer_group = "G1";
    spec.topic = "Data";
    auto hb = consumer.invoke_sync(c.broker_addr, test::heartbeat_request(spec), 5s);
    REQUIRE(hb);
    REQUIRE(hb->code == 0);

    const std::string when = std::to_string(between);
    auto r = c.run({"resetOffsetByTime", "-g", "G1", "-t", "Data", "-s", when});
    REQUIRE(r.code == 0);
    auto lines = lines_of(r.out);
    REQUIRE(lines.size() == 3);
    CHECK(lines[0]
          == "rollback consumer offset by specified group[G1], topic[Data], force[true], "
             "timestamp(string)["
                 + when + "], timestamp(long)[" + when + "]");
    CHECK(lines[1] == row({"#brokerName", "#queueId", "#offset"}, 40));
    CHECK(lines[2] == row({"broker-a", "0", "1"}, 40));
    for (int i = 0; i < 200 && pushed == 0; ++i)
        std::this_thread::sleep_for(10ms);
    CHECK(pushed == 1);
    // The live consumer owns its offsets: the broker's stay until the consumer commits.
    CHECK(committed(c, "G1") == 3);
}

TEST_CASE("brokerConsumeStats lists each group's consumed queues and the broker's backlog") {
    Cluster c;
    three_messages(c);
    REQUIRE(c.run({"updateSubGroup", "-b", c.broker_addr, "-g", "G1"}).code == 0);
    REQUIRE(c.run({"updateSubGroup", "-b", c.broker_addr, "-g", "Idle"}).code == 0);
    commit(c, "G1", 1);

    auto r = c.run({"brokerConsumeStats", "-b", c.broker_addr});
    REQUIRE(r.code == 0);
    auto lines = lines_of(r.out);
    REQUIRE(lines.size() == 4);
    CHECK(lines[0]
          == left_pad("#Topic", 64) + "  " + left_pad("#Group", 64) + "  "
                 + left_pad("#Broker Name", 32) + "  #QID  " + left_pad("#Broker Offset", 20) + "  "
                 + left_pad("#Consumer Offset", 20) + "  " + left_pad("#Diff", 20) + "  #LastTime");
    CHECK(lines[1].rfind(left_pad("Data", 64) + "  " + left_pad("G1", 64) + "  "
                             + left_pad("broker-a", 32) + "  0     " + left_pad("3", 20) + "  "
                             + left_pad("1", 20) + "  " + left_pad("2", 20) + "  ",
                         0)
          == 0);
    CHECK(lines[2].empty());
    CHECK(lines[3] == "Diff Total: 2");

    auto above = c.run({"brokerConsumeStats", "-b", c.broker_addr, "-l", "5", "--json"});
    REQUIRE(above.code == 0);
    auto v = parse_json(above.out);
    CHECK(v.find("queues")->if_array()->empty());
    CHECK(*v.find("diffTotal")->if_int() == 2);
    CHECK(c.run({"brokerConsumeStats"}).code == 2);
}

TEST_CASE("consumerProgress without -g sums up every group, and -s names each queue's holder") {
    Cluster c;
    three_messages(c);
    commit(c, "G1", 1);
    REQUIRE(
        c.run({"updateTopic", "-c", "DefaultCluster", "-t", "%RETRY%Gone", "-r", "1", "-w", "1"})
            .code
        == 0);
    // G1 is online: its consumer holds queue 0 of Data and says so in its running info.
    remoting::RemotingClient consumer;
    consumer.register_processor(
        proto::to_int(proto::RequestCode::GET_CONSUMER_RUNNING_INFO),
        [](remoting::RequestContext&,
           RemotingCommand& request) -> boost::asio::awaitable<std::optional<RemotingCommand>> {
            body::ConsumerRunningInfo info;
            info.mq_table.insert_or_assign(body::MessageQueue{"Data", "broker-a", 0}, {});
            auto answer = RemotingCommand::response_to(request, proto::ResponseCode::SUCCESS);
            answer.body = info.encode();
            co_return answer;
        });
    test::HeartbeatSpec spec;
    spec.client_id = "10.1.2.3@77";
    spec.consumer_group = "G1";
    spec.topic = "Data";
    REQUIRE(consumer.invoke_sync(c.broker_addr, test::heartbeat_request(spec), 5s)->code == 0);
    c.sync_routes();

    auto all = c.run({"consumerProgress"});
    REQUIRE(all.code == 0);
    auto lines = lines_of(all.out);
    CHECK(lines.at(0)
          == left_pad("#Group", 64) + "  " + left_pad("#Count", 6) + "  " + left_pad("#Version", 24)
                 + " " + left_pad("#Type", 5) + "  " + left_pad("#Model", 14) + "  "
                 + left_pad("#TPS", 7) + "  #Diff Total");
    const std::string online = left_pad("G1", 64) + "  " + left_pad("1", 6) + "  "
                               + left_pad("V4_9_8", 24) + " " + left_pad("PUSH", 5) + "  "
                               + left_pad("CLUSTERING", 14) + "  " + left_pad("0", 7) + "  2";
    const std::string offline = left_pad("Gone", 64) + "  " + left_pad("0", 6) + "  "
                                + left_pad("OFFLINE", 24) + " " + left_pad("", 5) + "  "
                                + left_pad("", 14) + "  " + left_pad("0", 7) + "  0";
    CHECK(std::count(lines.begin(), lines.end(), online) == 1);
    CHECK(std::count(lines.begin(), lines.end(), offline) == 1);

    auto held = c.run({"consumerProgress", "-g", "G1", "-s", "true"});
    REQUIRE(held.code == 0);
    CHECK(lines_of(held.out).at(1).find(left_pad("10.1.2.3", 20) + " " + left_pad("2", 20))
          != std::string::npos);
}

TEST_CASE("getConsumerStatus prints the offsets each live consumer reports") {
    Cluster c;
    three_messages(c);
    remoting::RemotingClient consumer;
    consumer.register_processor(
        proto::to_int(proto::RequestCode::GET_CONSUMER_STATUS_FROM_CLIENT),
        [](remoting::RequestContext&,
           RemotingCommand& request) -> boost::asio::awaitable<std::optional<RemotingCommand>> {
            body::GetConsumerStatusBody mine;
            mine.message_queue_table.insert_or_assign(body::MessageQueue{"Data", "broker-a", 0}, 2);
            auto answer = RemotingCommand::response_to(request, proto::ResponseCode::SUCCESS);
            answer.body = mine.encode();
            co_return answer;
        });
    test::HeartbeatSpec spec;
    spec.client_id = "10.1.2.3@77";
    spec.consumer_group = "G1";
    spec.topic = "Data";
    REQUIRE(consumer.invoke_sync(c.broker_addr, test::heartbeat_request(spec), 5s)->code == 0);

    auto r = c.run({"getConsumerStatus", "-g", "G1", "-t", "Data"});
    REQUIRE(r.code == 0);
    auto lines = lines_of(r.out);
    REQUIRE(lines.size() == 3);
    CHECK(lines[0] == "get consumer status from client. group=G1, topic=Data, originClientId=");
    CHECK(lines[1]
          == left_pad("#clientId", 50) + "  " + left_pad("#brokerName", 15) + "  "
                 + left_pad("#queueId", 15) + "  " + left_pad("#offset", 20));
    CHECK(lines[2]
          == left_pad("10.1.2.3@77", 50) + "  " + left_pad("broker-a", 15) + "  "
                 + left_pad("0", 15) + "  " + left_pad("2", 20));

    auto nobody = c.run({"getConsumerStatus", "-g", "Nobody", "-t", "Data"});
    CHECK(nobody.code == 1);
    CHECK(contains(nobody.err, "No Any Consumer online in the consumer group: [Nobody]"));
}
