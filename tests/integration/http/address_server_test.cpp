// The name-server address service answered over real loopback HTTP, the way clients poll it.
#include "http/address_server.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <thread>

#include "catch.hpp"

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

namespace {

/// Sends one raw request and returns the whole response (the server closes after it).
std::string fetch(uint16_t port, const std::string& request) {
    asio::io_context io;
    tcp::socket socket(io);
    socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    asio::write(socket, asio::buffer(request));
    std::string response;
    boost::system::error_code ec;
    asio::read(socket, asio::dynamic_buffer(response), ec);
    return response;
}

std::string get(uint16_t port, const std::string& target) {
    return fetch(port, "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nClient-Version: V4_9_8\r\n"
                       "Content-Type: application/x-www-form-urlencoded;charset=UTF-8\r\nConnection: close\r\n\r\n");
}

struct RunningServer {
    asio::io_context io;
    rmq::http::AddressServer server{
        io, {{"/rocketmq/nsaddr", [] { return std::string("127.0.0.1:9876;127.0.0.1:9877"); }}}};
    std::thread thread;
    RunningServer() {
        REQUIRE(server.listen("127.0.0.1", 0).ok());
        thread = std::thread([this] { io.run(); });
    }
    ~RunningServer() {
        server.stop();
        io.stop();
        thread.join();
    }
};

}  // namespace

TEST_CASE("GET /rocketmq/nsaddr answers the address list") {
    RunningServer s;
    const auto response = get(s.server.port(), "/rocketmq/nsaddr");
    CHECK(response.starts_with("HTTP/1.1 200 OK\r\n"));
    CHECK(response.ends_with("\r\n\r\n127.0.0.1:9876;127.0.0.1:9877"));
}

TEST_CASE("the unit-name form and a query string get the same list") {
    RunningServer s;
    CHECK(get(s.server.port(), "/rocketmq/nsaddr-unit1?nofix=1")
              .ends_with("127.0.0.1:9876;127.0.0.1:9877"));
}

TEST_CASE("other paths are 404 and other methods 405 and garbage closes the connection") {
    RunningServer s;
    CHECK(get(s.server.port(), "/rocketmq/other").starts_with("HTTP/1.1 404"));
    CHECK(fetch(s.server.port(),
                "POST /rocketmq/nsaddr HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: "
                "close\r\n\r\n")
              .starts_with("HTTP/1.1 405"));
    CHECK(fetch(s.server.port(), "\x01\x02garbage\r\n\r\n").empty());
    // Still serving.
    CHECK(get(s.server.port(), "/rocketmq/nsaddr").starts_with("HTTP/1.1 200"));
}

TEST_CASE("listening on a bad address is an error naming it") {
    asio::io_context io;
    rmq::http::AddressServer server(io, {});
    const auto listening = server.listen("not-an-ip", 0);
    REQUIRE_FALSE(listening.ok());
    CHECK(listening.error().code == rmq::http::errc::bad_address);
    CHECK_THAT(listening.error().message, rmq::test::contains("not-an-ip"));
}
