// The mqadmin binary against real mqnamesrv and mqbroker processes: every command of the
// control plane as an operator would run it, output and exit codes included.
#include <fstream>
#include <sstream>

#include "server_processes.hpp"

using namespace rmq;
using namespace std::chrono_literals;
using remoting::RemotingCommand;

namespace {

struct Run {
    int exit_code = -1;
    std::string output;  // stdout and stderr together
};

class Admin {
  public:
    Admin(const test::TempDir& dir, std::string namesrv)
        : dir_(dir), namesrv_(std::move(namesrv)) {}

    Run operator()(std::vector<std::string> args, bool with_namesrv = true) {
        if (with_namesrv) {
            args.push_back("-n");
            args.push_back(namesrv_);
        }
        test::ChildProcess p(RMQ_MQADMIN, args,
                             dir_.path() / ("mqadmin-" + std::to_string(runs_++) + ".log"));
        Run r;
        r.exit_code = p.wait_exit(30s).value_or(-1);
        r.output = p.log();
        return r;
    }

  private:
    const test::TempDir& dir_;
    std::string namesrv_;
    int runs_ = 0;
};

bool has(const Run& r, const std::string& text) {
    return r.output.find(text) != std::string::npos;
}

}  // namespace

TEST_CASE("every mqadmin control-plane command against real servers") {
    test::TempDir dir;
    auto ns = test::start_namesrv(dir, "ns");
    auto broker = test::start_broker(dir, "broker-m", ns.addr);
    remoting::RemotingClient client;
    REQUIRE(test::wait_for_route(client, ns.addr, "TBW102", [](int c) { return c == 0; }) == 0);
    Admin admin(dir, ns.addr);

    auto r = admin({"clusterList"});
    INFO(r.output);
    CHECK(r.exit_code == 0);
    CHECK(has(r, "DefaultCluster"));
    CHECK(has(r, "broker-m"));
    CHECK(has(r, broker.addr));
    CHECK(has(r, "V4_9_8"));

    r = admin({"updateTopic", "-c", "DefaultCluster", "-t", "Orders", "-r", "4", "-w", "4"});
    CHECK(r.exit_code == 0);
    CHECK(has(r, "create topic to " + broker.addr + " success."));
    REQUIRE(test::wait_for_route(client, ns.addr, "Orders", [](int c) { return c == 0; }) == 0);

    r = admin({"topicRoute", "-t", "Orders"});
    CHECK(r.exit_code == 0);
    CHECK(has(r, "\"writeQueueNums\":4"));
    r = admin({"topicList"});
    CHECK(has(r, "Orders"));
    r = admin({"topicClusterList", "-t", "Orders"});
    CHECK(r.exit_code == 0);
    CHECK(has(r, "DefaultCluster"));
    r = admin({"topicStatus", "-t", "Orders"});
    CHECK(r.exit_code == 0);
    CHECK(has(r, "#Broker Name"));
    CHECK(std::count(r.output.begin(), r.output.end(), '\n') == 5);  // title + 4 queues

    r = admin({"brokerStatus", "-b", broker.addr});
    CHECK(r.exit_code == 0);
    CHECK(has(r, "brokerVersionDesc"));
    CHECK(has(r, "commitLogDirCapacity"));

    r = admin({"updateSubGroup", "-c", "DefaultCluster", "-g", "CG", "-r", "3"});
    CHECK(r.exit_code == 0);
    CHECK(has(r, "retryMaxTimes=3"));

    r = admin({"getBrokerConfig", "-b", broker.addr});
    CHECK(r.exit_code == 0);
    CHECK(has(r, "brokerName"));
    r = admin(
        {"updateBrokerConfig", "-b", broker.addr, "-k", "flushIntervalCommitLog", "-v", "700"});
    CHECK(r.exit_code == 0);
    CHECK(has(admin({"getBrokerConfig", "-b", broker.addr}), "700"));
    {
        std::ifstream in(dir.path() / "broker-m" / "broker.properties");
        std::stringstream text;
        text << in.rdbuf();
        CHECK(text.str().find("flushIntervalCommitLog=700") != std::string::npos);
    }
    r = admin({"updateBrokerConfig", "-b", broker.addr, "-k", "brokerConfigPath", "-v", "/x"});
    CHECK(r.exit_code == 1);
    CHECK(has(r, "NO_PERMISSION"));

    // A live consumer and producer: their connections as the broker sees them.
    remoting::RemotingClient consumer;
    REQUIRE(consumer
                .invoke_sync(
                    broker.addr,
                    test::heartbeat_request(
                        {.client_id = "127.0.0.1@4242", .topic = "Orders", .producer_group = "PG"}),
                    3s)
                ->code
            == 0);
    REQUIRE(test::wait_for_route(client, ns.addr, "%RETRY%CG", [](int c) { return c == 0; }) == 0);
    r = admin({"consumerConnection", "-g", "CG"});
    CHECK(r.exit_code == 0);
    CHECK(has(r, "127.0.0.1@4242"));
    CHECK(has(r, "Orders"));
    r = admin({"producerConnection", "-g", "PG", "-t", "Orders"});
    CHECK(r.exit_code == 0);
    CHECK(has(r, "127.0.0.1@4242"));

    r = admin({"updateKvConfig", "-s", "ORDER_TOPIC_CONFIG", "-k", "Orders", "-v", "broker-m:4"});
    CHECK(r.exit_code == 0);
    r = admin({"deleteKvConfig", "-s", "ORDER_TOPIC_CONFIG", "-k", "Orders"});
    CHECK(r.exit_code == 0);

    r = admin({"wipeWritePerm", "-b", "broker-m"});
    CHECK(r.exit_code == 0);
    CHECK(has(r, "wipe write perm of broker[broker-m] in name server[" + ns.addr + "] OK"));

    r = admin({"deleteSubGroup", "-c", "DefaultCluster", "-g", "CG"});
    CHECK(r.exit_code == 0);
    r = admin({"deleteTopic", "-c", "DefaultCluster", "-t", "Orders"});
    CHECK(r.exit_code == 0);
    r = admin({"topicRoute", "-t", "Orders"});
    CHECK(r.exit_code == 1);
    CHECK(has(r, "TOPIC_NOT_EXIST"));

    // Failures are one line with a reason and a non-zero exit.
    r = admin({"topicRoute", "-t", "Orders", "-n", "127.0.0.1:1"}, false);
    CHECK(r.exit_code == 1);
    CHECK(has(r, "127.0.0.1:1"));
    r = admin({"topicRoute"});
    CHECK(r.exit_code == 2);
    r = admin({"noSuchCommand"});
    CHECK(r.exit_code != 0);
}

TEST_CASE("resetOffsetByTime moves an offline group back on a real broker, and it stays there") {
    test::TempDir dir;
    auto ns = test::start_namesrv(dir, "ns");
    auto broker = test::start_broker(dir, "broker-r", ns.addr);
    remoting::RemotingClient client;
    REQUIRE(test::wait_for_route(client, ns.addr, "TBW102", [](int c) { return c == 0; }) == 0);
    Admin admin(dir, ns.addr);
    REQUIRE(
        admin({"updateTopic", "-c", "DefaultCluster", "-t", "Data", "-r", "1", "-w", "1"}).exit_code
        == 0);
    REQUIRE(test::wait_for_route(client, ns.addr, "Data", [](int c) { return c == 0; }) == 0);
    REQUIRE(admin({"updateSubGroup", "-b", broker.addr, "-g", "G1"}).exit_code == 0);

    test::Send s;
    s.topic = "Data";
    REQUIRE(client.invoke_sync(broker.addr, test::send_request(s), 3s)->code == 0);
    REQUIRE(test::wait_for_max_offset(client, broker.addr, "Data", 0, 1) == 1);
    std::this_thread::sleep_for(20ms);
    const auto between = std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(
                                            std::chrono::system_clock::now().time_since_epoch())
                                            .count());
    std::this_thread::sleep_for(20ms);
    for (int i = 0; i < 2; ++i)
        REQUIRE(client.invoke_sync(broker.addr, test::send_request(s), 3s)->code == 0);
    REQUIRE(test::wait_for_max_offset(client, broker.addr, "Data", 0, 3) == 3);
    REQUIRE(
        client.invoke_sync(broker.addr, test::update_offset_request("G1", "Data", 0, 3), 3s)->code
        == 0);

    auto stats = admin({"brokerConsumeStats", "-b", broker.addr});
    INFO(stats.output);
    CHECK(stats.exit_code == 0);
    CHECK(has(stats, "Diff Total: 0"));

    auto reset = admin({"resetOffsetByTime", "-g", "G1", "-t", "Data", "-s", between});
    INFO(reset.output);
    CHECK(reset.exit_code == 0);
    CHECK(has(reset, "rollback consumer offset by specified consumerGroup[G1], topic[Data]"));
    stats = admin({"brokerConsumeStats", "-b", broker.addr});
    CHECK(has(stats, "Diff Total: 2"));

    // The rewritten offset is the broker's own: it is persisted and survives a restart.
    broker.process->signal(SIGTERM);
    REQUIRE(broker.process->wait_exit(20s) == 0);
    auto again = test::start_broker(dir, "broker-r", ns.addr);
    auto offset = client.invoke_sync(again.addr, test::query_offset_request("G1", "Data", 0), 3s);
    REQUIRE(offset);
    REQUIRE(offset->code == 0);
    CHECK(*offset->ext("offset") == "1");
}
