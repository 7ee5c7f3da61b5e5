// A master and its SLAVE, in process with one name server: the slave learns its master from its
// registration, replicates, and copies its master's metadata; a SYNC_MASTER's sends are
// acknowledged only once the slave holds them.
#include <chrono>
#include <fstream>
#include <functional>
#include <thread>

#include "body/subscription_group_config.hpp"
#include "body/topic_route_data.hpp"
#include "cluster_fixture.hpp"
#include "eventually.hpp"
#include "free_ports.hpp"
#include "pull_requests.hpp"
#include "store/metadata/consumer_offset_table.hpp"
#include "store/metadata/topic_config.hpp"

using namespace rmq;
using namespace std::chrono_literals;
using rmq::test::eventually;
using test::Cluster;

namespace {

/// A SLAVE of broker-a with brokerId `id`, on `listen_port` (0: any).
std::unique_ptr<broker::Broker> start_slave(Cluster& c, int id = 1, int listen_port = 0) {
    const std::string name = id == 1 ? "slave" : "slave" + std::to_string(id);
    const auto config = c.dir / (name + ".properties");
    std::ofstream(config) << "brokerName=broker-a\nbrokerId=" << id
                          << "\nbrokerRole=SLAVE\n"
                             "brokerIP1=127.0.0.1\nmappedFileSizeCommitLog=1048576\n"
                             "storePathRootDir="
                          << (c.dir / (name + "-store")).string() << "\n";
    auto startup = config::parse_broker_command_line(
        {"-c", config.string(), "-n", c.namesrv_addr, "listenPort=" + std::to_string(listen_port)},
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

remoting::RemotingCommand request(proto::RequestCode code) {
    return remoting::RemotingCommand::request(proto::to_int(code));
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
    // The master dispatches its own copy asynchronously too (a loaded CI machine once showed it
    // behind the slave's).
    CHECK(eventually([&] { return max_offset_on(c, c.broker->broker_addr(), 2) == sent; }, 10s));
    slave->shutdown();
}

TEST_CASE("a slave takes its master's topics, subscription groups and consumer offsets") {
    Cluster c;
    const auto master = c.broker->broker_addr();
    REQUIRE(c.call(master, test::create_topic_request("SyncedTopic", 4)).code == 0);
    body::SubscriptionGroupConfig group;
    group.group_name = "SyncedGroup";
    group.retry_max_times = 3;
    auto create_group = request(proto::RequestCode::UPDATE_AND_CREATE_SUBSCRIPTIONGROUP);
    create_group.body = group.encode();
    REQUIRE(c.call(master, create_group).code == 0);
    REQUIRE(c.call(master, test::update_offset_request("SyncedGroup", "SyncedTopic", 2, 42)).code
            == 0);

    auto slave = start_slave(c);
    const auto on_slave = [&](proto::RequestCode code) {
        return c.call(slave->broker_addr(), request(code));
    };
    CHECK(eventually(
        [&] {
            return on_slave(proto::RequestCode::GET_ALL_TOPIC_CONFIG).body.find("SyncedTopic")
                   != std::string::npos;
        },
        20s));
    CHECK(eventually(
        [&] {
            const auto groups = on_slave(proto::RequestCode::GET_ALL_SUBSCRIPTIONGROUP_CONFIG);
            return groups.body.find("SyncedGroup") != std::string::npos;
        },
        20s));
    const auto offset =
        c.call(slave->broker_addr(), test::query_offset_request("SyncedGroup", "SyncedTopic", 2));
    CHECK(offset.code == 0);
    CHECK(offset.ext("offset") != nullptr);
    if (offset.ext("offset")) CHECK(*offset.ext("offset") == "42");
    // The slave keeps them, as the master's files say them, for the day it becomes master.
    slave->shutdown();
    const auto slave_config = c.dir / "slave-store" / "config";
    const auto topics = store::TopicConfigTable::load(slave_config);
    REQUIRE(topics);
    CHECK(topics->topics.find("SyncedTopic") != nullptr);
    CHECK(topics->data_version == c.broker->topics().data_version());
    const auto offsets = store::ConsumerOffsetTable::load(slave_config);
    REQUIRE(offsets);
    CHECK(offsets->query("SyncedTopic", "SyncedGroup", 2) == 42);
}

TEST_CASE("a broker on a fixed port also serves every request on listenPort - 2") {
    Cluster c;
    // Another broker on a fixed port block, as a 4.9.8 deployment runs it.
    const auto config = c.dir / "fixed.properties";
    std::ofstream(config) << "brokerName=broker-b\nbrokerIP1=127.0.0.1\nstorePathRootDir="
                          << (c.dir / "fixed-store").string() << "\n";
    const int port = test::free_port_block();
    auto startup = config::parse_broker_command_line(
        {"-c", config.string(), "-n", c.namesrv_addr, "listenPort=" + std::to_string(port)},
        config::Environment::from_process());
    REQUIRE(startup);
    broker::Broker fixed(std::move(*startup));
    REQUIRE(fixed.start().ok());
    const auto vip = "127.0.0.1:" + std::to_string(port - 2);
    const auto topics = c.call(vip, request(proto::RequestCode::GET_ALL_TOPIC_CONFIG));
    CHECK(topics.code == 0);
    CHECK(topics.body.find("broker-b") != std::string::npos);
    fixed.shutdown();
}

TEST_CASE("a slave holds its HA port from the start, as 4.9.8's does, and promoted serves on it") {
    Cluster c;
    const int port = test::free_port_block();
    auto slave = start_slave(c, 1, port);
    // Nothing else can take the port a promotion will serve slaves on.
    const auto taken = [](int p) {
        boost::asio::io_context io;
        boost::asio::ip::tcp::acceptor other(io);
        boost::system::error_code ec;
        other.open(boost::asio::ip::tcp::v4(), ec);
        other.bind({boost::asio::ip::address_v4::any(), static_cast<uint16_t>(p)}, ec);
        return ec == boost::asio::error::address_in_use;
    };
    CHECK(taken(port + 1));

    c.broker->shutdown();
    auto switch_role = request(proto::RequestCode::UPDATE_BROKER_CONFIG);
    switch_role.body = "brokerRole=ASYNC_MASTER\n";
    REQUIRE(c.call(slave->broker_addr(), switch_role).code == 0);
    // It registers as brokerId 0 and keeps serving slaves on the port it held.
    CHECK(eventually(
        [&] {
            auto data = body::TopicRouteData::decode(c.route("TBW102").body);
            return data && data->broker_datas.size() == 1
                   && data->broker_datas[0].broker_addrs.count(0) == 1;
        },
        10s));
    CHECK(taken(port + 1));
    slave->shutdown();
    CHECK_FALSE(taken(port + 1));
}

TEST_CASE(
    "a slave promoted by UPDATE_BROKER_CONFIG brokerRole takes sends as brokerId 0, and a "
    "new slave replicates from it") {
    Cluster c;
    const auto old_master = c.broker->broker_addr();
    REQUIRE(c.call(old_master, test::create_topic_request("Orders", 4)).code == 0);
    test::Send s;
    s.queue_id = 2;
    for (int i = 0; i < 10; ++i)
        REQUIRE(c.call(old_master, test::send_request(s)).code == 0);
    auto slave = start_slave(c);
    const auto promoted = slave->broker_addr();
    // It holds the messages and knows the topic (its metadata sync) before the switch.
    REQUIRE(eventually([&] { return max_offset_on(c, promoted, 2) == 10; }, 20s));
    REQUIRE(eventually([&] { return slave->topics().find("Orders").has_value(); }, 20s));
    CHECK(c.call(promoted, test::send_request(s)).code
          == proto::to_int(proto::ResponseCode::SERVICE_NOT_AVAILABLE));

    // The old master goes away (a switch-over fences it first); the slave is promoted.
    c.broker->shutdown();
    auto switch_role = request(proto::RequestCode::UPDATE_BROKER_CONFIG);
    switch_role.body = "brokerRole=ASYNC_MASTER\n";
    const auto switched = c.call(promoted, switch_role);
    INFO(switched.remark.value_or(""));
    REQUIRE(switched.code == 0);

    // It takes sends where the old master's queue ended, and routes name it as brokerId 0.
    const auto sent = c.call(promoted, test::send_request(s));
    REQUIRE(sent.code == 0);
    CHECK(*sent.ext("queueOffset") == "10");
    CHECK(eventually(
        [&] {
            auto data = body::TopicRouteData::decode(c.route("Orders").body);
            return data && data->broker_datas.size() == 1
                   && data->broker_datas[0].broker_addrs.count(0) == 1
                   && data->broker_datas[0].broker_addrs.at(0) == promoted;
        },
        10s));
    // Its configuration says so, for the next start too.
    const auto config = c.call(promoted, request(proto::RequestCode::GET_BROKER_CONFIG)).body;
    CHECK(config.find("brokerRole=ASYNC_MASTER") != std::string::npos);
    CHECK(config.find("brokerId=0") != std::string::npos);

    // A new slave of the group follows the promoted master.
    auto second = start_slave(c, 2);
    CHECK(eventually([&] { return max_offset_on(c, second->broker_addr(), 2) == 11; }, 20s));

    // The promoted master turns SYNC_MASTER: a send waits for the new slave, and without it
    // the answer is SLAVE_NOT_AVAILABLE.
    switch_role.body = "brokerRole=SYNC_MASTER\n";
    REQUIRE(c.call(promoted, switch_role).code == 0);
    CHECK(c.call(promoted, test::send_request(s)).code == 0);
    CHECK(eventually([&] { return max_offset_on(c, second->broker_addr(), 2) == 12; }, 20s));
    second->shutdown();
    CHECK(eventually(
        [&] {
            return c.call(promoted, test::send_request(s)).code
                   == proto::to_int(proto::ResponseCode::SLAVE_NOT_AVAILABLE);
        },
        20s));

    // A group whose first pull from the promoted master asks past the promoted log's end (10
    // in queue 2) read that far on the old master: it is moved back, so it gets the messages
    // written here since, not only those after its offset. Its next pull is served as asked.
    test::Pull ahead;
    ahead.queue_id = 2;
    ahead.offset = 12;
    ahead.group = "CG-ahead";
    const auto moved = c.call(promoted, test::pull_request(ahead));
    CHECK(moved.code == proto::to_int(proto::ResponseCode::PULL_OFFSET_MOVED));
    REQUIRE(moved.ext("nextBeginOffset"));
    CHECK(*moved.ext("nextBeginOffset") == "10");
    CHECK(c.call(promoted, test::pull_request(ahead)).code == 0);
    ahead.group = "CG-in-range";
    ahead.offset = 10;
    CHECK(c.call(promoted, test::pull_request(ahead)).code == 0);

    // A master is not demoted at runtime.
    switch_role.body = "brokerRole=SLAVE\n";
    const auto refused = c.call(promoted, switch_role);
    CHECK(refused.code == proto::to_int(proto::ResponseCode::SYSTEM_ERROR));
    CHECK(refused.remark.value_or("").find("restart it with brokerRole=SLAVE")
          != std::string::npos);
    slave->shutdown();
}
