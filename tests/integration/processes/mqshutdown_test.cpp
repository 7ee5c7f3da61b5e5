// scripts/mqshutdown against real processes. It signals every mqbroker/mqnamesrv of the user,
// so this suite runs alone (RUN_SERIAL) and would also stop servers a developer left running.
#include "server_processes.hpp"

using namespace rmq;
using namespace std::chrono_literals;

TEST_CASE("mqshutdown stops the broker and the name server gracefully") {
    test::TempDir dir;
    auto ns = test::start_namesrv(dir, "ns");
    auto broker = test::start_broker(dir, "broker-s", ns.addr);

    test::ChildProcess stop_broker("/bin/bash", {RMQ_MQSHUTDOWN, "broker", "--wait"},
                                   dir.path() / "stop-broker.log");
    REQUIRE(stop_broker.wait_exit(60s) == 0);
    CHECK(stop_broker.log().find("Send shutdown request to mqbroker("
                                 + std::to_string(broker.process->pid()) + ") OK")
          != std::string::npos);
    CHECK(broker.process->wait_exit(5s) == 0);  // SIGTERM: a clean stop, not a kill
    CHECK_FALSE(std::filesystem::exists(dir.path() / "broker-s" / "store" / "abort"));

    test::ChildProcess again("/bin/bash", {RMQ_MQSHUTDOWN, "broker"}, dir.path() / "again.log");
    CHECK(again.wait_exit(10s) == 1);
    CHECK(again.log().find("No mqbroker running.") != std::string::npos);

    test::ChildProcess stop_ns("/bin/bash", {RMQ_MQSHUTDOWN, "namesrv", "--wait"},
                               dir.path() / "stop-ns.log");
    REQUIRE(stop_ns.wait_exit(60s) == 0);
    CHECK(ns.process->wait_exit(5s) == 0);
}
