#include "http/address_server.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <chrono>

namespace rmq::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;

struct AddressServer::State : std::enable_shared_from_this<AddressServer::State> {
    asio::io_context& io;
    Routes routes;
    tcp::acceptor acceptor;

    State(asio::io_context& context, Routes r)
        : io(context), routes(std::move(r)), acceptor(context) {}

    const std::function<std::string()>* route_for(std::string_view target) const {
        target = target.substr(0, target.find('?'));
        for (const auto& [path, fn] : routes) {
            if (target == path) return &fn;
            // `<path>-<unitName>`: the unit variant of the same list.
            if (target.size() > path.size() + 1 && target.starts_with(path)
                && target[path.size()] == '-')
                return &fn;
        }
        return nullptr;
    }

    beast::http::response<beast::http::string_body> answer(
        const beast::http::request<beast::http::string_body>& request) const {
        beast::http::response<beast::http::string_body> response;
        response.version(request.version());
        response.keep_alive(request.keep_alive());
        response.set(beast::http::field::server, "rocketmq-native");
        response.set(beast::http::field::content_type, "text/plain; charset=UTF-8");
        const auto* route =
            route_for(std::string_view(request.target().data(), request.target().size()));
        if (request.method() != beast::http::verb::get
            && request.method() != beast::http::verb::head) {
            response.result(beast::http::status::method_not_allowed);
            response.body() = "only GET is served\n";
        } else if (!route) {
            response.result(beast::http::status::not_found);
            response.body() = "no address list at this path\n";
        } else {
            response.result(beast::http::status::ok);
            response.body() = (*route)();
        }
        response.prepare_payload();
        return response;
    }

    asio::awaitable<void> serve(tcp::socket socket) {
        beast::tcp_stream stream(std::move(socket));
        beast::flat_buffer buffer;
        for (;;) {
            stream.expires_after(std::chrono::seconds(30));
            beast::http::request_parser<beast::http::string_body> parser;
            parser.body_limit(4096);
            parser.header_limit(8192);
            auto [ec, n] = co_await beast::http::async_read(stream, buffer, parser,
                                                            asio::as_tuple(asio::use_awaitable));
            if (ec) break;
            auto request = parser.release();
            auto response = answer(request);
            auto [wec, wn] = co_await beast::http::async_write(stream, response,
                                                               asio::as_tuple(asio::use_awaitable));
            if (wec || !response.keep_alive()) break;
        }
        beast::error_code ignored;
        stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
    }

    asio::awaitable<void> accept_loop() {
        auto self = shared_from_this();
        for (;;) {
            auto [ec, socket] = co_await acceptor.async_accept(asio::as_tuple(asio::use_awaitable));
            if (ec) {
                if (!acceptor.is_open()) co_return;
                continue;
            }
            asio::co_spawn(io, serve(std::move(socket)), asio::detached);
        }
    }
};

AddressServer::AddressServer(asio::io_context& io, Routes routes)
    : state_(std::make_shared<State>(io, std::move(routes))) {
}

AddressServer::~AddressServer() {
    stop();
}

Result<void> AddressServer::listen(const std::string& host, uint16_t port) {
    boost::system::error_code ec;
    const auto address = asio::ip::make_address(host, ec);
    if (ec) return common::Error{errc::bad_address, "not an IP address: " + host};
    const tcp::endpoint endpoint(address, port);
    auto& acceptor = state_->acceptor;
    acceptor.open(endpoint.protocol(), ec);
    if (!ec) acceptor.set_option(tcp::acceptor::reuse_address(true), ec);
    if (!ec) acceptor.bind(endpoint, ec);
    if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) {
        const std::string why = ec.message();
        acceptor.close(ec);
        return common::Error{errc::listen_failed,
                             "cannot listen on " + host + ":" + std::to_string(port) + ": " + why};
    }
    asio::co_spawn(state_->io, state_->accept_loop(), asio::detached);
    return {};
}

uint16_t AddressServer::port() const {
    boost::system::error_code ec;
    return state_->acceptor.local_endpoint(ec).port();
}

void AddressServer::stop() {
    if (!state_) return;
    asio::post(state_->io, [state = state_] {
        boost::system::error_code ec;
        state->acceptor.close(ec);
    });
}

}  // namespace rmq::http
