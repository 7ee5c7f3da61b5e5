// Registration goes to every name server at once: one that accepts connections and never answers
// delays neither another name server's view of the broker nor the broker's own services (the
// consumer-offset flush), even while start-up still waits for it.
#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include "body/topic_route_data.hpp"
#include "catch.hpp"
#include "client_requests.hpp"
#include "core/broker.hpp"
#include "nameserver.hpp"
#include "remoting/client.hpp"
#include "temp_dir.hpp"

using namespace rmq;
using namespace std::chrono_literals;

namespace {

/// Polls `done` until it holds or `limit` passes (the events awaited happen in other processes'
/// threads; no fixed sleep decides the outcome).
template <class Predicate>
bool eventually(Predicate done, std::chrono::milliseconds limit = 10s) {
    const auto until = std::chrono::steady_clock::now() + limit;
    while (!done()) {
        if (std::chrono::steady_clock::now() > until) return false;
        std::this_thread::sleep_for(20ms);
    }
    return true;
}

std::string file_text(const std::filesystem::path& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

TEST_CASE(
    "a name server that never answers holds back neither the other's registration nor the "
    "offset flush") {
    test::TempDir dir;
    nameserver::NameServerOptions options;
    options.bind_address = "127.0.0.1";
    options.port = 0;
    options.kv_config_path = dir.path() / "kv.json";
    options.startup.namesrv.config_store_path = dir.path() / "namesrv.properties";
    nameserver::NameServer answering(options);
    REQUIRE(answering.start().ok());
    const std::string answering_addr = "127.0.0.1:" + std::to_string(answering.port());

    // Listening but never accepting: the kernel completes the connection, nobody reads from it.
    boost::asio::io_context io;
    boost::asio::ip::tcp::acceptor silent(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
    const std::string silent_addr = "127.0.0.1:" + std::to_string(silent.local_endpoint().port());

    // The silent one first, and a call timeout far beyond the test's patience.
    auto startup = config::parse_broker_command_line(
        {"-n", silent_addr + ";" + answering_addr, "listenPort=0", "brokerName=broker-a",
         "brokerIP1=127.0.0.1", "storePathRootDir=" + (dir.path() / "store").string(),
         "mappedFileSizeCommitLog=1048576", "registerBrokerTimeoutMills=60000",
         "flushConsumerOffsetInterval=1000"},
        config::Environment::from_process());
    REQUIRE(startup);
    broker::Broker broker(std::move(*startup));
    std::atomic<bool> started{false};
    bool start_ok = false;
    std::thread starting([&] {
        start_ok = broker.start().ok();
        started = true;
    });

    // Start-up still waits for the silent name server, yet the other one knows the broker.
    REQUIRE(eventually([&] { return answering.routes().live_broker_count() == 1; }));
    CHECK_FALSE(started);

    remoting::RemotingClient client;
    auto route = client.invoke_sync(answering_addr, test::route_request("TBW102"), 5s);
    REQUIRE(route);
    REQUIRE(route->code == 0);
    auto data = body::TopicRouteData::decode(route->body);
    REQUIRE(data);
    REQUIRE(data->broker_datas.size() == 1);
    const std::string broker_addr = data->broker_datas[0].broker_addrs.at(0);

    // The broker serves, and its offset flush runs on its own schedule meanwhile.
    auto committed =
        client.invoke_sync(broker_addr, test::update_offset_request("CG", "Orders", 0, 7), 5s);
    REQUIRE(committed);
    REQUIRE(committed->code == 0);
    const auto offsets_file = dir.path() / "store" / "config" / "consumerOffset.json";
    CHECK(eventually(
        [&] { return file_text(offsets_file).find("\"Orders@CG\"") != std::string::npos; }));
    CHECK_FALSE(started);

    // Closing the silent listener resets the waiting connection: start-up completes.
    silent.close();
    starting.join();
    CHECK(start_ok);
    broker.shutdown();
    client.close();
}
