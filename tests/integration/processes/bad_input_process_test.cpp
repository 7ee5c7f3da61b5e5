// Bad input against real server processes: broken configuration stops start-up with a message
// naming the problem; malformed or unknown requests and silent clients never bring a server down.
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <fstream>

#include "proto/response_code.hpp"
#include "server_processes.hpp"

using namespace rmq;
using namespace std::chrono_literals;
using proto::RequestCode;
using proto::ResponseCode;
using remoting::RemotingCommand;

namespace {

bool still_answers(remoting::RemotingClient& client, const std::string& addr) {
    auto r = client.invoke_sync(addr, test::route_request("TBW102"), 3s);
    return r.ok();
}

}  // namespace

TEST_CASE("mqbroker refuses a malformed properties file, naming the key, file and line") {
    test::TempDir dir;
    const auto config = dir.path() / "broker.properties";
    std::ofstream(config) << "brokerName=broker-x\nlistenPort=ten\n";
    test::ChildProcess broker(RMQ_MQBROKER, {"-c", config.string()}, dir.path() / "b.log");
    REQUIRE(broker.wait_exit(10s) == 1);
    const auto log = broker.log();
    INFO(log);
    CHECK(log.find("listenPort") != std::string::npos);
    CHECK(log.find("broker.properties:2") != std::string::npos);

    test::ChildProcess missing(RMQ_MQBROKER, {"-c", (dir.path() / "nope.properties").string()},
                               dir.path() / "m.log");
    REQUIRE(missing.wait_exit(10s) == 1);
    CHECK(missing.log().find("nope.properties") != std::string::npos);

    test::ChildProcess option(RMQ_MQBROKER, {"-x"}, dir.path() / "o.log");
    CHECK(option.wait_exit(10s) == 1);
}

TEST_CASE("mqnamesrv refuses a malformed value and a bad option") {
    test::TempDir dir;
    test::ChildProcess ns(RMQ_MQNAMESRV, {"listenPort=-"}, dir.path() / "n.log");
    REQUIRE(ns.wait_exit(10s) == 1);
    CHECK(ns.log().find("listenPort") != std::string::npos);
    test::ChildProcess option(RMQ_MQNAMESRV, {"--bogus"}, dir.path() / "o.log");
    CHECK(option.wait_exit(10s) == 1);
}

TEST_CASE("unknown codes, missing header fields, garbage frames and silent clients") {
    test::TempDir dir;
    auto ns = test::start_namesrv(dir, "ns");
    auto broker = test::start_broker(dir, "broker-d", ns.addr);
    remoting::RemotingClient client;

    // The broker answers an unknown code with REQUEST_CODE_NOT_SUPPORTED.
    auto unknown = client.invoke_sync(broker.addr, RemotingCommand::request(4242), 3s);
    REQUIRE(unknown);
    CHECK(unknown->code == static_cast<int>(ResponseCode::REQUEST_CODE_NOT_SUPPORTED));
    // The name server leaves it unanswered, like Java's; the connection stays usable.
    auto silent = client.invoke_sync(ns.addr, RemotingCommand::request(4242), 500ms);
    CHECK_FALSE(silent);
    CHECK(still_answers(client, ns.addr));

    // A header without its required field: a clear error naming the field.
    auto no_topic = RemotingCommand::request(proto::to_int(RequestCode::GET_ROUTEINFO_BY_TOPIC));
    auto r = client.invoke_sync(ns.addr, no_topic, 3s);
    REQUIRE(r);
    CHECK(r->code != 0);
    CHECK(r->remark.value_or("").find("topic") != std::string::npos);
    auto no_group =
        RemotingCommand::request(proto::to_int(RequestCode::GET_CONSUMER_CONNECTION_LIST));
    r = client.invoke_sync(broker.addr, no_group, 3s);
    REQUIRE(r);
    CHECK(r->code != 0);
    CHECK(r->remark.value_or("").find("consumerGroup") != std::string::npos);

    // A silent client and a client sending garbage: the servers go on serving others.
    boost::asio::io_context io;
    const auto endpoint_of = [](const std::string& addr) {
        const auto colon = addr.rfind(':');
        return boost::asio::ip::tcp::endpoint(
            boost::asio::ip::make_address(addr.substr(0, colon)),
            static_cast<uint16_t>(std::stoi(addr.substr(colon + 1))));
    };
    for (const auto* server : {&ns, &broker}) {
        boost::asio::ip::tcp::socket idle(io), garbage(io), huge(io);
        idle.connect(endpoint_of(server->addr));
        garbage.connect(endpoint_of(server->addr));
        static constexpr char kJunk[] = "\x00\x00\x00\x10\x01\x00\x00\x05hello, not a frame";
        const std::string junk(kJunk, sizeof kJunk - 1);
        boost::asio::write(garbage, boost::asio::buffer(junk));
        huge.connect(endpoint_of(server->addr));
        static constexpr char kBig[] = "\x7f\xff\xff\xff\x00\x00\x00\x02{}";
        const std::string big(kBig, sizeof kBig - 1);
        boost::asio::write(huge, boost::asio::buffer(big));
        // The servers close connections that send nonsense.
        char byte = 0;
        boost::system::error_code ec;
        boost::asio::read(garbage, boost::asio::buffer(&byte, 1), ec);
        CHECK(ec);
        boost::asio::read(huge, boost::asio::buffer(&byte, 1), ec);
        CHECK(ec);
        CHECK(still_answers(client, ns.addr));
        CHECK(server->process->running());
    }
    CHECK(broker.process->running());
    CHECK(ns.process->running());
}
