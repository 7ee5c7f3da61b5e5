// The failover settings a broker starts with: off unless enabled, and refused with a remark
// naming the setting when failover could not work with them.
#include "catch.hpp"
#include "config/command_line.hpp"
#include "ha/etcd_failover.hpp"

using namespace rmq;

namespace {

config::BrokerStartup startup(std::vector<std::string> args) {
    config::Environment env;
    env.home = "/tmp/rmq-failover-settings";
    env.local_address = "10.0.0.5";
    auto parsed = config::parse_broker_command_line(args, env);
    REQUIRE(parsed);
    return std::move(*parsed);
}

}  // namespace

TEST_CASE("without enableEtcdFailover there are no failover settings") {
    auto s = broker::FailoverSettings::from(startup({"listenPort=10911"}));
    REQUIRE(s);
    CHECK_FALSE(s->has_value());
}

TEST_CASE("failover settings: addresses, roles and the id a member registers with as a slave") {
    auto master = broker::FailoverSettings::from(
        startup({"enableEtcdFailover=true", "brokerRole=SYNC_MASTER", "listenPort=10911",
                 "brokerIP1=127.0.0.1", "brokerIP2=127.0.0.2", "etcdEndpoints=a:1, b:2"}));
    REQUIRE(master);
    REQUIRE(master->has_value());
    const auto& m = **master;
    CHECK(m.endpoints == std::vector<std::string>{"a:1", "b:2"});
    CHECK(m.broker_addr == "127.0.0.1:10911");
    CHECK(m.ha_addr == "127.0.0.2:10912");
    CHECK(m.master_role == store::BrokerRole::sync_master);  // a configured master keeps its role
    CHECK(m.slave_broker_id() == 1);

    auto slave = broker::FailoverSettings::from(
        startup({"enableEtcdFailover=true", "brokerRole=SLAVE", "brokerId=2", "listenPort=10921",
                 "failoverMasterRole=SYNC_MASTER"}));
    REQUIRE(slave);
    CHECK((*slave)->master_role == store::BrokerRole::sync_master);
    CHECK((*slave)->slave_broker_id() == 3);
}

TEST_CASE("failover refuses settings it cannot work with, naming them") {
    const auto refused = [](std::vector<std::string> args) {
        args.push_back("enableEtcdFailover=true");
        auto s = broker::FailoverSettings::from(startup(args));
        REQUIRE_FALSE(s);
        return s.error().message;
    };
    CHECK(refused({"listenPort=0"}).find("fixed listenPort") != std::string::npos);
    CHECK(refused({"listenPort=10911", "failoverMasterRole=SLAVE"}).find("failoverMasterRole")
          != std::string::npos);
    CHECK(refused({"listenPort=10911", "etcdLeaseTtlSeconds=1"}).find("etcdLeaseTtlSeconds")
          != std::string::npos);
    CHECK(refused({"listenPort=10911", "etcdEndpoints= "}).find("etcdEndpoints")
          != std::string::npos);
}
