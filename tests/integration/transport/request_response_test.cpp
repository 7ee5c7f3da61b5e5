// Request/response over loopback: matching under load, timeouts, oneway, dispatch rules,
// server→client requests.
#include <atomic>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <stdexcept>
#include <vector>

#include "proto/response_code.hpp"
#include "transport_support.hpp"

namespace rmq::test {
namespace {

using remoting::errc;
using remoting::RemotingClient;
using remoting::RemotingServer;
using remoting::RequestContext;
using remoting::SerializeType;
using Response = asio::awaitable<std::optional<RemotingCommand>>;

constexpr int32_t kEcho = 1000;
constexpr int32_t kSlow = 1001;
constexpr int32_t kOneway = 1002;
constexpr int32_t kThrow = 1003;
constexpr int32_t kCallBack = 1004;
constexpr int32_t kClientPing = 2000;

RemotingCommand echo_request(int64_t seq) {
    auto request = RemotingCommand::request(kEcho);
    request.ext_fields.emplace();
    request.ext_fields->set("seq", std::to_string(seq));
    request.body = "payload-" + std::to_string(seq * 7919);
    return request;
}

TEST_CASE("100,000 requests over 8 connections each get their own response") {
    RemotingServer server(loopback_server_config());
    server.register_processor(kEcho, echo_processor());
    REQUIRE(server.start().ok());

    auto pool = std::make_shared<remoting::IoContextPool>(2);
    pool->start();
    constexpr int kConnections = 8;
    constexpr int kWindow = 64;
    constexpr int kTotal = 100'000;
    std::vector<std::unique_ptr<RemotingClient>> clients;
    for (int i = 0; i < kConnections; ++i)
        clients.push_back(std::make_unique<RemotingClient>(small_client_config(), pool));

    std::atomic<int> next{0};
    std::atomic<int> matched{0};
    std::atomic<int> mismatched{0};
    std::atomic<int> failed{0};
    std::atomic<int> workers_done{0};
    std::promise<void> all_done;
    const std::string address = loopback(server);

    auto worker = [&](RemotingClient& client) -> asio::awaitable<void> {
        for (int seq = next++; seq < kTotal; seq = next++) {
            auto request = echo_request(seq);
            const std::string expected_body = request.body;
            auto response = co_await client.invoke(address, std::move(request), 10s);
            if (!response) {
                ++failed;
                continue;
            }
            const auto* echoed = response->ext("seq");
            if (response->code == 0 && echoed && *echoed == std::to_string(seq)
                && response->body == expected_body)
                ++matched;
            else
                ++mismatched;
        }
        if (++workers_done == kConnections * kWindow) all_done.set_value();
    };
    for (int c = 0; c < kConnections; ++c)
        for (int w = 0; w < kWindow; ++w)
            asio::co_spawn(pool->next(), worker(*clients[c]), asio::detached);

    REQUIRE(all_done.get_future().wait_for(180s) == std::future_status::ready);
    CHECK(failed == 0);
    CHECK(mismatched == 0);
    CHECK(matched == kTotal);
    CHECK(server.connection_count() == kConnections);
    for (auto& client : clients) {
        auto conn = client->find(address);
        REQUIRE(conn);
        CHECK(conn->dropped_responses() == 0);
        CHECK(conn->pending_requests() == 0);
    }
    for (auto& client : clients)
        client->close();
    pool->stop();
}

TEST_CASE("a request without an answer times out and its late response is dropped") {
    RemotingServer server(loopback_server_config());
    server.register_processor(kSlow, [](RequestContext&, RemotingCommand& request) -> Response {
        co_await sleep_for(600ms);
        co_return RemotingCommand::response_to(request, 0);
    });
    REQUIRE(server.start().ok());
    RemotingClient client(small_client_config());
    const std::string address = loopback(server);

    const auto start = std::chrono::steady_clock::now();
    auto response = client.invoke_sync(address, RemotingCommand::request(kSlow), 150ms);
    const auto elapsed = std::chrono::steady_clock::now() - start;
    REQUIRE_FALSE(response);
    CHECK(response.error().code == errc::timeout);
    CHECK_THAT(response.error().message, rmq::test::contains("request timed out after"));
    CHECK_THAT(response.error().message, rmq::test::contains("code 1001"));
    CHECK_THAT(response.error().message, rmq::test::contains(address));
    CHECK(elapsed < 550ms);  // well before the handler answers

    auto conn = client.find(address);
    REQUIRE(conn);
    CHECK(conn->pending_requests() == 0);
    CHECK(eventually([&] { return conn->dropped_responses() == 1; }));
    CHECK(conn->is_open());  // a timeout does not cost the connection
}

TEST_CASE("oneway requests run their processor and are never answered") {
    std::atomic<int> calls{0};
    RemotingServer server(loopback_server_config());
    server.register_processor(kOneway, [&](RequestContext&, RemotingCommand& request) -> Response {
        ++calls;
        co_return RemotingCommand::response_to(request, 0);  // must be suppressed
    });
    server.register_processor(kThrow, [](RequestContext&, RemotingCommand&) -> Response {
        throw std::runtime_error("oneway failure");
        co_return std::nullopt;
    });
    server.register_processor(kEcho, echo_processor());
    REQUIRE(server.start().ok());
    RemotingClient client(small_client_config());
    const std::string address = loopback(server);

    auto sent = run_on(client.pool().next(),
                       client.invoke_oneway(address, RemotingCommand::request(kOneway)));
    REQUIRE(sent);
    auto failed = run_on(client.pool().next(),
                         client.invoke_oneway(address, RemotingCommand::request(kThrow)));
    REQUIRE(failed);
    auto unknown =
        run_on(client.pool().next(), client.invoke_oneway(address, RemotingCommand::request(4242)));
    REQUIRE(unknown);
    REQUIRE(eventually([&] { return calls == 1; }));

    // A round trip after the oneways: anything they provoked would have arrived before it.
    auto echo = client.invoke_sync(address, echo_request(1), 5s);
    REQUIRE(echo);
    std::this_thread::sleep_for(100ms);
    auto conn = client.find(address);
    REQUIRE(conn);
    CHECK(conn->dropped_responses() == 0);  // an answer to a oneway would land here
    CHECK(conn->pending_requests() == 0);
    CHECK(calls == 1);
}

TEST_CASE("unknown codes get REQUEST_CODE_NOT_SUPPORTED in the request's serialize type") {
    RemotingServer server(loopback_server_config());
    REQUIRE(server.start().ok());
    RemotingClient client(small_client_config());
    const std::string address = loopback(server);

    auto type = GENERATE(SerializeType::JSON, SerializeType::ROCKETMQ);
    auto request = RemotingCommand::request(9999);
    request.serialize_type = type;
    auto response = client.invoke_sync(address, std::move(request), 5s);
    REQUIRE(response);
    CHECK(response->code == to_int(proto::ResponseCode::REQUEST_CODE_NOT_SUPPORTED));
    CHECK(response->remark == " request type 9999 not supported");
    CHECK(response->serialize_type == type);
    CHECK(response->is_response());
    // JSON has no extFields; the binary form cannot tell "none" from "empty".
    CHECK((!response->ext_fields || response->ext_fields->empty()));
    CHECK(response->body.empty());
}

TEST_CASE("a default processor receives codes without their own processor") {
    RemotingServer server(loopback_server_config());
    server.set_default_processor([](RequestContext&, RemotingCommand& request) -> Response {
        co_return RemotingCommand::response_to(request, 0,
                                               "default saw " + std::to_string(request.code));
    });
    REQUIRE(server.start().ok());
    RemotingClient client(small_client_config());
    auto response = client.invoke_sync(loopback(server), RemotingCommand::request(77), 5s);
    REQUIRE(response);
    CHECK(response->code == 0);
    CHECK(response->remark == "default saw 77");
}

TEST_CASE("a processor that throws yields SYSTEM_ERROR with the exception's message") {
    RemotingServer server(loopback_server_config());
    server.register_processor(kThrow, [](RequestContext&, RemotingCommand&) -> Response {
        co_await sleep_for(1ms);  // throw after a suspension too, not only synchronously
        throw std::runtime_error("store is on fire");
    });
    REQUIRE(server.start().ok());
    RemotingClient client(small_client_config());

    auto type = GENERATE(SerializeType::JSON, SerializeType::ROCKETMQ);
    auto request = RemotingCommand::request(kThrow);
    request.serialize_type = type;
    auto response = client.invoke_sync(loopback(server), std::move(request), 5s);
    REQUIRE(response);
    CHECK(response->code == to_int(proto::ResponseCode::SYSTEM_ERROR));
    CHECK(response->remark == "store is on fire");
    CHECK(response->serialize_type == type);
}

TEST_CASE("a server processor can call back into the client over the same connection") {
    RemotingServer server(loopback_server_config());
    std::atomic<bool> same_peer{false};
    server.register_processor(
        kCallBack, [&](RequestContext& ctx, RemotingCommand& request) -> Response {
            auto ping = RemotingCommand::request(kClientPing);
            ping.body = "ping:" + request.body;
            auto answer = co_await ctx.connection->request(std::move(ping), 5s);
            if (!answer) co_return RemotingCommand::response_to(request, 1, answer.error().message);
            same_peer = ctx.remote_address() == ctx.connection->remote_address();
            auto response = RemotingCommand::response_to(request, 0);
            response.body = answer->body;
            co_return response;
        });
    REQUIRE(server.start().ok());

    RemotingClient client(small_client_config());
    std::atomic<int> client_calls{0};
    client.register_processor(kClientPing,
                              [&](RequestContext&, RemotingCommand& request) -> Response {
                                  ++client_calls;
                                  auto response = RemotingCommand::response_to(request, 0);
                                  response.body = "pong<" + request.body + ">";
                                  co_return response;
                              });
    auto request = RemotingCommand::request(kCallBack);
    request.body = "hello";
    auto response = client.invoke_sync(loopback(server), std::move(request), 5s);
    REQUIRE(response);
    CHECK(response->code == 0);
    CHECK(response->body == "pong<ping:hello>");
    CHECK(client_calls == 1);
    CHECK(same_peer);

    // Client connections apply the same rules to codes they do not know.
    auto conn = server.connections();
    REQUIRE(conn.size() == 1);
    auto unknown =
        run_on(server.pool().next(), conn[0]->request(RemotingCommand::request(31337), 5s));
    REQUIRE(unknown);
    CHECK(unknown->code == to_int(proto::ResponseCode::REQUEST_CODE_NOT_SUPPORTED));
    CHECK(unknown->remark == " request type 31337 not supported");
}

TEST_CASE("large bodies and body views travel intact") {
    // The views point into memory only body_owner keeps alive (the zero-copy pull path).
    RemotingServer server(loopback_server_config());
    server.register_processor(kEcho, [](RequestContext&, RemotingCommand& request) -> Response {
        auto pages = std::make_shared<std::string>(request.body);  // dies with the response
        auto response = RemotingCommand::response_to(request, 0);
        response.body = "head|";
        response.body_views.emplace_back(pages->data(), pages->size() / 2);
        response.body_views.emplace_back(pages->data() + pages->size() / 2,
                                         pages->size() - pages->size() / 2);
        response.body_owner = pages;
        co_return response;
    });
    REQUIRE(server.start().ok());
    RemotingClient client(small_client_config());

    std::string big(4 * 1024 * 1024 + 17, '\0');
    for (size_t i = 0; i < big.size(); ++i)
        big[i] = static_cast<char>('a' + i % 23);
    auto request = RemotingCommand::request(kEcho);
    request.body = big;
    auto response = client.invoke_sync(loopback(server), std::move(request), 10s);
    REQUIRE(response);
    CHECK(response->body.size() == big.size() + 5);
    CHECK(response->body == "head|" + big);
}

TEST_CASE("the peer's language and version are recorded per connection") {
    RemotingServer server(loopback_server_config());
    server.register_processor(kEcho, echo_processor());
    REQUIRE(server.start().ok());
    RemotingClient client(small_client_config());
    auto request = echo_request(5);
    request.language = remoting::LanguageCode::GO;
    request.version = 317;
    REQUIRE(client.invoke_sync(loopback(server), std::move(request), 5s));
    auto conns = server.connections();
    REQUIRE(conns.size() == 1);
    CHECK(conns[0]->peer_language() == remoting::LanguageCode::GO);
    CHECK(conns[0]->peer_version() == 317);
}

TEST_CASE("connection problems are reported as values") {
    RemotingClient client(small_client_config());
    auto bad = client.invoke_sync("no-port-here", RemotingCommand::request(1), 1s);
    REQUIRE_FALSE(bad);
    CHECK(bad.error().code == errc::invalid_address);

    // A port nobody listens on: bind one, note it, close it.
    uint16_t port;
    {
        asio::io_context ctx;
        asio::ip::tcp::acceptor acceptor(ctx, {asio::ip::make_address("127.0.0.1"), 0});
        port = acceptor.local_endpoint().port();
    }
    auto refused =
        client.invoke_sync("127.0.0.1:" + std::to_string(port), RemotingCommand::request(1), 2s);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == errc::connect_failed);
    CHECK_THAT(refused.error().message, rmq::test::contains(std::to_string(port)));

    client.close();
    auto closed = client.invoke_sync("127.0.0.1:1", RemotingCommand::request(1), 1s);
    REQUIRE_FALSE(closed);
    CHECK(closed.error().code == errc::shutting_down);
}

TEST_CASE("concurrent first uses of an address share one connection") {
    RemotingServer server(loopback_server_config());
    server.register_processor(kEcho, echo_processor());
    REQUIRE(server.start().ok());
    RemotingClient client(small_client_config());
    const std::string address = loopback(server);

    // Callers on several threads at once (the client's pool and the server's pool).
    std::vector<std::future<remoting::Result<RemotingCommand>>> calls;
    for (int i = 0; i < 32; ++i) {
        auto& ctx = i % 2 ? client.pool().next() : server.pool().next();
        calls.push_back(
            asio::co_spawn(ctx, client.invoke(address, echo_request(i), 5s), asio::use_future));
    }
    for (auto& call : calls) {
        REQUIRE(call.wait_for(10s) == std::future_status::ready);
        CHECK(call.get());
    }
    CHECK(client.connection_count() == 1);
    CHECK(server.connection_count() == 1);

    // After a close, the next use connects again.
    auto first = client.find(address);
    REQUIRE(first);
    first->close("test");
    REQUIRE(eventually([&] { return client.connection_count() == 0; }));
    REQUIRE(client.invoke_sync(address, echo_request(99), 5s));
    auto second = client.find(address);
    REQUIRE(second);
    CHECK(second != first);
    CHECK(eventually([&] { return server.connection_count() == 1; }));
}

}  // namespace
}  // namespace rmq::test
