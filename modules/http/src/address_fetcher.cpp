#include "http/address_fetcher.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>

namespace rmq::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;

namespace {

struct Url {
    std::string host;
    std::string port = "80";
    std::string target = "/";
};

std::optional<Url> parse_url(const std::string& url) {
    constexpr std::string_view scheme = "http://";
    if (!url.starts_with(scheme)) return std::nullopt;
    const auto rest = url.substr(scheme.size());
    const auto slash = rest.find('/');
    const auto authority = rest.substr(0, slash);
    Url u;
    if (slash != std::string::npos) u.target = rest.substr(slash);
    const auto colon = authority.rfind(':');
    u.host = authority.substr(0, colon);
    if (colon != std::string::npos) u.port = authority.substr(colon + 1);
    if (u.host.empty() || u.port.empty()) return std::nullopt;
    return u;
}

std::string trim(std::string text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) return {};
    const auto last = text.find_last_not_of(" \t\r\n");
    return text.substr(first, last - first + 1);
}

}  // namespace

std::string address_service_url(const std::string& domain, const std::string& subgroup) {
    const std::string host = domain.empty() ? "jmenv.tbsite.net" : domain;
    const std::string group = subgroup.empty() ? "nsaddr" : subgroup;
    const bool has_port = host.find(':') != std::string::npos;
    return "http://" + host + (has_port ? "" : ":8080") + "/rocketmq/" + group;
}

asio::awaitable<Result<std::string>> fetch_address_list_async(std::string url,
                                                              std::chrono::milliseconds timeout) {
    const auto u = parse_url(url);
    if (!u) co_return common::Error{errc::bad_url, "not an http:// URL: " + url};
    try {
        const auto executor = co_await asio::this_coro::executor;
        tcp::resolver resolver(executor);
        beast::tcp_stream stream(executor);
        stream.expires_after(timeout);
        const auto endpoints =
            co_await resolver.async_resolve(u->host, u->port, asio::use_awaitable);
        co_await stream.async_connect(endpoints, asio::use_awaitable);
        beast::http::request<beast::http::empty_body> request(beast::http::verb::get, u->target,
                                                              11);
        request.set(beast::http::field::host, u->host);
        co_await beast::http::async_write(stream, request, asio::use_awaitable);
        beast::flat_buffer buffer;
        beast::http::response<beast::http::string_body> response;
        co_await beast::http::async_read(stream, buffer, response, asio::use_awaitable);
        beast::error_code ignored;
        stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
        if (response.result() != beast::http::status::ok)
            co_return common::Error{
                errc::bad_status, url + " answered HTTP " + std::to_string(response.result_int())};
        auto list = trim(response.body());
        if (list.empty())
            co_return common::Error{errc::empty_list, url + " answered an empty address list"};
        co_return list;
    } catch (const std::exception& e) {
        co_return common::Error{errc::request_failed, url + ": " + e.what()};
    }
}

Result<std::string> fetch_address_list(const std::string& url, std::chrono::milliseconds timeout) {
    asio::io_context io;
    auto result = asio::co_spawn(io, fetch_address_list_async(url, timeout), asio::use_future);
    io.run();
    return result.get();
}

}  // namespace rmq::http
