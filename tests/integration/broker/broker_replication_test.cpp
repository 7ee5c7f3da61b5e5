// A SYNC_MASTER and its SLAVE, in process with one name server: the slave learns its master's HA
// address from its registration, replicates, and the master's sends are acknowledged only once
// the slave holds them.
#include <chrono>
#include <fstream>
#include <thread>

#include "body/topic_route_data.hpp"
#include "cluster_fixture.hpp"

using namespace rmq;
using namespace std::chrono_literals;
using test::Cluster;

namespace {

std::unique_ptr<broker::Broker> start_slave(Cluster& c) {
    const auto config = c.dir / "slave.properties";
    std::ofstream(config) << "brokerName=broker-a\nbrokerId=1\nbrokerRole=SLAVE\n"
                             "brokerIP1=127.0.0.1\nmappedFileSizeCommitLog=1048576\n"
                             "storePathRootDir="
                          << (c.dir / "slave-store").string() << "\n";
    auto startup = config::parse_broker_command_line(
        {"-c", config.string(), "-n", c.namesrv_addr, "listenPort=0"},
        config::Environment::from_process());
    REQUIRE(startup);
    auto slave = std::make_unique<broker::Broker>(std::move(*startup));
    REQUIRE(slave->start().ok());
    return slave;
}

int64_t max_offset_on(Cluster& c, const std::string& broker_addr, int32_t queue) {
    auto r = c.call(broker_addr, test::max_offset_request("Orders", queue));
    REQUIRE(r.code == 0);
    return std::stoll(*r.ext("offset"));
}

}  // namespace

TEST_CASE("a SYNC_MASTER acknowledges a send once its slave holds it, and the slave serves it") {
    Cluster c("brokerRole=SYNC_MASTER\n");
    auto slave = start_slave(c);

    // The route lists the master and the slave under one broker name.
    auto route = c.route("TBW102");
    REQUIRE(route.code == 0);
    auto data = body::TopicRouteData::decode(route.body);
    REQUIRE(data);
    REQUIRE(data->broker_datas.size() == 1);
    CHECK(data->broker_datas[0].broker_addrs.at(0) == c.broker->broker_addr());
    CHECK(data->broker_datas[0].broker_addrs.at(1) == slave->broker_addr());

    // Until the slave has connected and caught up the master answers SLAVE_NOT_AVAILABLE
    // (the message is stored all the same); then SEND_OK.
    test::Send s;
    s.queue_id = 2;
    int32_t code = -1;
    int sent = 0;
    const auto deadline = std::chrono::steady_clock::now() + 15s;
    while (code != 0 && std::chrono::steady_clock::now() < deadline) {
        code = c.call(c.broker->broker_addr(), test::send_request(s)).code;
        ++sent;
        if (code != 0) {
            REQUIRE(code == proto::to_int(proto::ResponseCode::SLAVE_NOT_AVAILABLE));
            std::this_thread::sleep_for(20ms);
        }
    }
    REQUIRE(code == 0);
    for (int i = 0; i < 10; ++i)
        REQUIRE(c.call(c.broker->broker_addr(), test::send_request(s)).code == 0);
    sent += 10;

    // Acknowledged means replicated: the slave's queue has every message, once dispatched.
    int64_t on_slave = 0;
    for (int i = 0; i < 500 && on_slave < sent; ++i) {
        on_slave = max_offset_on(c, slave->broker_addr(), 2);
        if (on_slave < sent) std::this_thread::sleep_for(10ms);
    }
    CHECK(on_slave == sent);
    CHECK(max_offset_on(c, c.broker->broker_addr(), 2) == sent);
    slave->shutdown();
}
