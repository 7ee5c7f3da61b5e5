// Real mqnamesrv and mqbroker processes: registration with two name servers, a broker killed
// with SIGKILL leaving the routes, graceful SIGTERM, and membership notifications to a client.
#include <atomic>

#include "body/topic_route_data.hpp"
#include "proto/response_code.hpp"
#include "server_processes.hpp"

using namespace rmq;
using namespace std::chrono_literals;
using proto::RequestCode;
using proto::ResponseCode;
using remoting::RemotingCommand;

namespace {

constexpr int kTopicNotExist = static_cast<int>(ResponseCode::TOPIC_NOT_EXIST);

}  // namespace

TEST_CASE("a broker registered with two name servers is routed by both and SIGKILL removes it") {
    test::TempDir dir;
    auto ns1 = test::start_namesrv(dir, "ns1");
    auto ns2 = test::start_namesrv(dir, "ns2");
    auto broker = test::start_broker(dir, "broker-a", ns1.addr + ";" + ns2.addr);
    remoting::RemotingClient client;

    for (const auto* ns : {&ns1, &ns2}) {
        INFO(ns->addr);
        REQUIRE(test::wait_for_route(client, ns->addr, "TBW102", [](int c) { return c == 0; })
                == 0);
        auto route = client.invoke_sync(ns->addr, test::route_request("TBW102"), 3s);
        auto data = body::TopicRouteData::decode(route->body);
        REQUIRE(data);
        CHECK(data->broker_datas.at(0).broker_name == "broker-a");
        CHECK(data->broker_datas.at(0).cluster == "DefaultCluster");
        CHECK(data->broker_datas.at(0).broker_addrs.at(0) == broker.addr);
    }

    broker.process->signal(SIGKILL);
    REQUIRE(broker.process->wait_exit(10s) == 128 + SIGKILL);
    // The broker's connections closed with it: both name servers drop it at once, without
    // waiting for the 120 s expiry.
    for (const auto* ns : {&ns1, &ns2})
        CHECK(test::wait_for_route(client, ns->addr, "TBW102",
                                   [](int c) { return c == kTopicNotExist; })
              == kTopicNotExist);
}

TEST_CASE("SIGTERM stops a broker cleanly: unregistered, store closed, exit 0") {
    test::TempDir dir;
    auto ns = test::start_namesrv(dir, "ns");
    auto broker = test::start_broker(dir, "broker-b", ns.addr);
    remoting::RemotingClient client;
    REQUIRE(test::wait_for_route(client, ns.addr, "TBW102", [](int c) { return c == 0; }) == 0);
    CHECK(std::filesystem::exists(dir.path() / "broker-b" / "store" / "abort"));

    broker.process->signal(SIGTERM);
    INFO(broker.log());
    CHECK(broker.process->wait_exit(20s) == 0);
    CHECK_FALSE(std::filesystem::exists(dir.path() / "broker-b" / "store" / "abort"));
    CHECK(test::wait_for_route(
              client, ns.addr, "TBW102", [](int c) { return c != 0; }, 2s)
          == kTopicNotExist);

    ns.process->signal(SIGTERM);
    CHECK(ns.process->wait_exit(10s) == 0);
}

TEST_CASE("a consumer connected to a broker process hears about membership changes") {
    test::TempDir dir;
    auto ns = test::start_namesrv(dir, "ns");
    auto broker = test::start_broker(dir, "broker-c", ns.addr);

    const auto heartbeat = [](const std::string& client_id) {
        return test::heartbeat_request({.client_id = client_id, .topic = ""});
    };
    std::atomic<int> notified{0};
    remoting::RemotingClient first;
    first.register_processor(
        proto::to_int(RequestCode::NOTIFY_CONSUMER_IDS_CHANGED),
        [&](remoting::RequestContext&,
            RemotingCommand&) -> boost::asio::awaitable<std::optional<RemotingCommand>> {
            ++notified;
            co_return std::nullopt;
        });
    REQUIRE(first.invoke_sync(broker.addr, heartbeat("127.0.0.1@1"), 3s)->code == 0);
    notified = 0;
    {
        remoting::RemotingClient second;
        REQUIRE(second.invoke_sync(broker.addr, heartbeat("127.0.0.1@2"), 3s)->code == 0);
        for (int i = 0; i < 300 && notified == 0; ++i)
            std::this_thread::sleep_for(10ms);
        CHECK(notified >= 1);
        notified = 0;
    }  // the second consumer's connection closes
    for (int i = 0; i < 300 && notified == 0; ++i)
        std::this_thread::sleep_for(10ms);
    CHECK(notified >= 1);
}
