// Misbehaving peers on raw sockets: each must lose its own connection and nothing else.
#include "common/big_endian.hpp"
#include "remoting/frame.hpp"
#include "transport_support.hpp"

namespace rmq::test {
namespace {

using remoting::RemotingClient;
using remoting::RemotingServer;

constexpr int32_t kEcho = 1000;

std::string frame_bytes(int32_t length, uint32_t type_word, std::string_view rest) {
    std::string out;
    append_be<int32_t>(out, length);
    append_be<uint32_t>(out, type_word);
    out += rest;
    return out;
}

std::string valid_request_frame() {
    auto request = RemotingCommand::request(kEcho);
    request.body = std::string(300, 'x');
    return remoting::encode_frame(request);
}

/// The server keeps serving: a fresh client gets a correct echo.
void check_server_serves(const RemotingServer& server) {
    RemotingClient client(small_client_config());
    auto request = RemotingCommand::request(kEcho);
    request.ext_fields.emplace();
    request.ext_fields->set("seq", "42");
    request.body = "still alive";
    auto response = client.invoke_sync(loopback(server), std::move(request), 5s);
    REQUIRE(response);
    CHECK(response->code == 0);
    CHECK(response->body == "still alive");
    REQUIRE(response->ext("seq"));
    CHECK(*response->ext("seq") == "42");
}

TEST_CASE("a bad peer loses its connection and the server keeps serving others") {
    RemotingServer server(loopback_server_config());
    server.register_processor(kEcho, echo_processor());
    REQUIRE(server.start().ok());
    RawPeer bad(server.port());
    REQUIRE(eventually([&] { return server.connection_count() == 1; }));

    SECTION("garbage bytes (an HTTP request)") {
        bad.send("GET / HTTP/1.1\r\nHost: broker\r\n\r\n");
        CHECK(bad.closed_by_peer());
    }
    SECTION("garbage that frames but is not a header") {
        bad.send(frame_bytes(4 + 12, 12, "not json!!!!"));
        CHECK(bad.closed_by_peer());
    }
    SECTION("a 2 GiB length prefix (0x7FFFFFFF)") {
        bad.send(frame_bytes(0x7FFFFFFF, 10, "0123456789"));
        CHECK(bad.closed_by_peer());
    }
    SECTION("a negative length prefix (0x80000000)") {
        bad.send(frame_bytes(static_cast<int32_t>(0x80000000u), 10, "0123456789"));
        CHECK(bad.closed_by_peer());
    }
    SECTION("a length too small to hold the header-length word") {
        bad.send(frame_bytes(2, 0, ""));
        CHECK(bad.closed_by_peer());
    }
    SECTION("a header length larger than the frame") {
        bad.send(frame_bytes(4 + 4, 256, "{}{}"));
        CHECK(bad.closed_by_peer());
    }
    SECTION("an unknown serialize type byte") {
        bad.send(frame_bytes(4 + 2, (5u << 24) | 2u, "{}"));
        CHECK(bad.closed_by_peer());
    }
    SECTION("a truncated frame, then end of stream") {
        auto frame = valid_request_frame();
        bad.send(std::string_view(frame).substr(0, frame.size() / 2));
        bad.shutdown_send();
        CHECK(bad.closed_by_peer());
    }
    SECTION("a reset in the middle of a frame") {
        auto frame = valid_request_frame();
        bad.send(std::string_view(frame).substr(0, frame.size() / 2));
        bad.abort();
    }
    CHECK(eventually([&] { return server.connection_count() == 0; }));
    check_server_serves(server);
}

TEST_CASE("a valid frame split into single bytes is still understood") {
    RemotingServer server(loopback_server_config());
    server.register_processor(kEcho, echo_processor());
    REQUIRE(server.start().ok());
    RawPeer peer(server.port());
    auto request = RemotingCommand::request(kEcho);
    request.opaque = 77;
    request.body = "slowly";
    for (char byte : remoting::encode_frame(request)) {
        REQUIRE(peer.send(std::string_view(&byte, 1)));
    }
    auto length = peer.read_exactly(4);
    auto rest = peer.read_exactly(static_cast<size_t>(load_be<int32_t>(length.data())));
    auto response = remoting::decode_frame_bytes(length + rest);
    REQUIRE(response);
    CHECK(response->opaque == 77);
    CHECK(response->is_response());
    CHECK(response->body == "slowly");
}

TEST_CASE("frames above the configured maximum close the connection") {
    auto config = loopback_server_config();
    config.connection.max_frame_size = 4096;
    RemotingServer server(config);
    server.register_processor(kEcho, echo_processor());
    REQUIRE(server.start().ok());
    RemotingClient client(small_client_config());
    const auto address = loopback(server);

    auto fits = RemotingCommand::request(kEcho);
    fits.body = std::string(3500, 'a');
    auto ok = client.invoke_sync(address, std::move(fits), 5s);
    REQUIRE(ok);
    CHECK(ok->body.size() == 3500);

    auto too_big = RemotingCommand::request(kEcho);
    too_big.body = std::string(5000, 'b');
    const auto start = std::chrono::steady_clock::now();
    auto rejected = client.invoke_sync(address, std::move(too_big), 10s);
    REQUIRE_FALSE(rejected);
    CHECK(rejected.error().code == remoting::errc::connection_closed);
    CHECK(std::chrono::steady_clock::now() - start < 5s);  // failed on the close, not a timeout
    check_server_serves(server);
}

}  // namespace
}  // namespace rmq::test
