#pragma once
// A name server and a broker in-process on ephemeral loopback ports, the broker configured
// through a properties file in a temporary directory (UPDATE_BROKER_CONFIG writes back to it),
// plus a client to call them.
#include <fstream>
#include <memory>
#include <string>

#include "catch.hpp"
#include "client_requests.hpp"
#include "core/broker.hpp"
#include "nameserver.hpp"
#include "proto/headers.hpp"
#include "proto/request_code.hpp"
#include "remoting/client.hpp"
#include "temp_dir.hpp"

namespace rmq::test {

struct Cluster {
    TempDir dir;
    rmq::nameserver::NameServer namesrv{[this] {
        rmq::nameserver::NameServerOptions o;
        o.bind_address = "127.0.0.1";
        o.port = 0;
        o.kv_config_path = dir.path() / "kv.json";
        o.startup.namesrv.config_store_path = dir.path() / "namesrv.properties";
        return o;
    }()};
    std::unique_ptr<rmq::broker::Broker> broker;
    rmq::remoting::RemotingClient client;
    std::string namesrv_addr;
    std::filesystem::path broker_config_file = dir.path() / "broker.properties";

    /// `extra_properties`: more "key=value\n" lines for the broker's properties file.
    explicit Cluster(const std::string& extra_properties = "") {
        REQUIRE(namesrv.start().ok());
        namesrv_addr = "127.0.0.1:" + std::to_string(namesrv.port());
        std::ofstream(broker_config_file)
            << "brokerName=broker-a\nbrokerIP1=127.0.0.1\n"
               "storePathRootDir="
            << (dir.path() / "store").string() << "\nmappedFileSizeCommitLog=1048576\n"
            << extra_properties;
        start_broker();
        REQUIRE(broker->register_now() == 1);
    }

    /// A new broker from the same properties file and store (the old one shut down first).
    void start_broker() {
        if (broker) broker->shutdown();
        broker.reset();
        auto startup = rmq::config::parse_broker_command_line(
            {"-c", broker_config_file.string(), "-n", namesrv_addr, "listenPort=0"},
            rmq::config::Environment::from_process());
        REQUIRE(startup);
        broker = std::make_unique<rmq::broker::Broker>(std::move(*startup));
        REQUIRE(broker->start().ok());
    }

    rmq::remoting::RemotingCommand call(const std::string& addr,
                                        rmq::remoting::RemotingCommand request) {
        auto r = client.invoke_sync(addr, std::move(request), std::chrono::seconds(5));
        REQUIRE(r);
        return std::move(*r);
    }
    rmq::remoting::RemotingCommand call_broker(rmq::proto::RequestCode code) {
        return call(broker->broker_addr(),
                    rmq::remoting::RemotingCommand::request(rmq::proto::to_int(code)));
    }
    rmq::remoting::RemotingCommand route(const std::string& topic) {
        return call(namesrv_addr, route_request(topic));
    }
};

}  // namespace rmq::test
