// The diagnostic commands as a user runs them: statsAll (traffic per topic and group),
// cloneGroupOffset (a group takes another's offsets) and queryCq (raw consume-queue entries).
#include "json/coerce.hpp"
#include "mqadmin_fixture.hpp"
#include "pull_requests.hpp"
#include "send_helpers.hpp"

using namespace mqadmin_test;

namespace {

/// Topic "Data" with one queue and `n` messages.
void messages(Cluster& c, int n) {
    REQUIRE(c.run({"updateTopic", "-c", "DefaultCluster", "-t", "Data", "-r", "1", "-w", "1"}).code
            == 0);
    c.sync_routes();
    test::Send s;
    s.topic = "Data";
    for (int i = 0; i < n; ++i)
        REQUIRE(c.call(c.broker_addr, test::send_request(s)).code == 0);
    REQUIRE(test::wait_for_max_offset(c, "Data", 0, n) == n);
}

std::string stats_row(const std::string& topic, const std::string& group,
                      const std::vector<std::string>& numbers) {
    // %-64s  %-64s %12s %11s %11s %14s %14s
    const size_t widths[] = {12, 11, 11, 14, 14};
    std::string line = left_pad(topic, 64) + "  " + left_pad(group, 64);
    for (size_t i = 0; i < numbers.size(); ++i)
        line +=
            " " + std::string(widths[i] - std::min(widths[i], numbers[i].size()), ' ') + numbers[i];
    return line;
}

}  // namespace

TEST_CASE("statsAll shows each topic's consumers with their backlog and traffic") {
    Cluster c;
    messages(c, 3);
    // CG pulls two of the three messages and commits them; a consumer's %RETRY% topic is what
    // the backlog is looked up by.
    REQUIRE(
        c.run({"updateTopic", "-c", "DefaultCluster", "-t", "%RETRY%CG", "-r", "1", "-w", "1"}).code
        == 0);
    c.sync_routes();
    test::Pull p;
    p.topic = "Data";
    p.max = 2;
    REQUIRE(c.call(c.broker_addr, test::pull_request(p)).code == 0);
    REQUIRE(c.call(c.broker_addr, test::update_offset_request("CG", "Data", 0, 2)).code == 0);

    auto r = c.run({"statsAll", "-t", "Data"});
    REQUIRE(r.code == 0);
    auto lines = lines_of(r.out);
    REQUIRE(lines.size() == 2);
    CHECK(lines[0]
          == stats_row("#Topic", "#Consumer Group",
                       {"#Accumulation", "#InTPS", "#OutTPS", "#InMsg24Hour", "#OutMsg24Hour"}));
    // The TPS depend on timing; the rest does not.
    CHECK(lines[1].starts_with(left_pad("Data", 64) + "  " + left_pad("CG", 64)));
    auto json = c.run({"statsAll", "-t", "Data", "--json"});
    REQUIRE(json.code == 0);
    auto rows = parse_json(json.out);
    REQUIRE(rows.if_array()->size() == 1);
    const auto& row = rows.if_array()->front();
    CHECK(*row.find("consumerGroup")->if_string() == "CG");
    CHECK(*json::to_int64(*row.find("accumulation")) == 1);
    CHECK(*json::to_int64(*row.find("inMsg24Hour")) == 3);
    CHECK(*json::to_int64(*row.find("outMsg24Hour")) == 2);
    CHECK(lines[1].ends_with(std::string(13, ' ') + "3 " + std::string(13, ' ') + "2"));
}

TEST_CASE("statsAll marks a topic nobody consumes and -a leaves out idle topics") {
    Cluster c;
    messages(c, 1);
    REQUIRE(c.run({"updateTopic", "-c", "DefaultCluster", "-t", "Idle", "-r", "1", "-w", "1"}).code
            == 0);
    c.sync_routes();

    auto data = c.run({"statsAll", "-t", "Data"});
    REQUIRE(data.code == 0);
    auto lines = lines_of(data.out);
    REQUIRE(lines.size() == 2);
    CHECK(lines[1].starts_with(left_pad("Data", 64) + "  " + left_pad("", 64) + " "
                               + std::string(11, ' ') + "0"));
    CHECK(lines[1].ends_with(std::string(13, ' ') + "1    NO_CONSUMER"));

    auto idle = c.run({"statsAll", "-t", "Idle"});
    REQUIRE(idle.code == 0);
    CHECK(lines_of(idle.out).size() == 2);
    auto active = c.run({"statsAll", "-t", "Idle", "-a"});
    REQUIRE(active.code == 0);
    CHECK(lines_of(active.out).size() == 1);
}

TEST_CASE("cloneGroupOffset gives the destination group the source group's offsets") {
    Cluster c;
    messages(c, 3);
    REQUIRE(c.run({"updateTopic", "-c", "DefaultCluster", "-t", "%RETRY%Src", "-r", "1", "-w", "1"})
                .code
            == 0);
    c.sync_routes();
    REQUIRE(c.call(c.broker_addr, test::update_offset_request("Src", "Data", 0, 2)).code == 0);

    auto r = c.run({"cloneGroupOffset", "-s", "Src", "-d", "Dest", "-t", "Data"});
    REQUIRE(r.code == 0);
    CHECK(r.out == "clone group offset success. srcGroup[Src], destGroup=[Dest], topic[Data]\n");
    auto query = c.call(c.broker_addr, test::query_offset_request("Dest", "Data", 0));
    REQUIRE(query.code == 0);
    CHECK(*query.ext("offset") == "2");

    CHECK(c.run({"cloneGroupOffset", "-s", "Src", "-d", "Dest"}).code == 2);
}

TEST_CASE("queryCq lists a consume queue's entries from an index") {
    Cluster c;
    messages(c, 3);
    auto r = c.run({"queryCq", "-t", "Data", "-q", "0", "-i", "1", "-c", "5", "-g", "CG"});
    REQUIRE(r.code == 0);
    auto lines = lines_of(r.out);
    const std::string rule = "======================================";
    REQUIRE(lines.size() == 12);
    CHECK(lines[0] == "Filter data: ");
    CHECK(lines[1] == "CG@Data is not online!");
    CHECK(lines[2] == rule);
    CHECK(lines[3] == "Queue data: ");
    CHECK(lines[4] == "max: 3, min: 0");
    CHECK(lines[5] == rule);
    CHECK(lines[6] == "idx: 1");
    CHECK(lines[7].starts_with("ConsumeQueueData{physicOffset="));
    CHECK(lines[7].ends_with(", extendDataJson='null', bitMap='null', eval=false, msg='null'}"));
    CHECK(lines[9] == "idx: 2");

    auto past_end = c.run({"queryCq", "-t", "Data", "-q", "0", "-i", "9", "-b", c.broker_addr});
    CHECK(past_end.code == 1);
    CHECK(contains(past_end.err, "Index 9 of 0@Data is not exist!"));
    auto unknown = c.run({"queryCq", "-t", "Data", "-q", "5", "-i", "0", "-b", c.broker_addr});
    CHECK(unknown.code == 1);
    CHECK(contains(unknown.err, "5@Data is not exist!"));
}
