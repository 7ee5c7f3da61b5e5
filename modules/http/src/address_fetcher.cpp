#include "http/address_fetcher.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
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

proto::Expected<std::string, FetchError> fetch_address_list(const std::string& url,
                                                            std::chrono::milliseconds timeout) {
    const auto u = parse_url(url);
    if (!u) return FetchError{"not an http:// URL: " + url};
    try {
        asio::io_context io;
        tcp::resolver resolver(io);
        beast::tcp_stream stream(io);
        stream.expires_after(timeout);
        stream.connect(resolver.resolve(u->host, u->port));
        beast::http::request<beast::http::empty_body> request(beast::http::verb::get, u->target,
                                                              11);
        request.set(beast::http::field::host, u->host);
        beast::http::write(stream, request);
        beast::flat_buffer buffer;
        beast::http::response<beast::http::string_body> response;
        beast::http::read(stream, buffer, response);
        beast::error_code ignored;
        stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
        if (response.result() != beast::http::status::ok)
            return FetchError{url + " answered HTTP " + std::to_string(response.result_int())};
        auto list = trim(response.body());
        if (list.empty()) return FetchError{url + " answered an empty address list"};
        return list;
    } catch (const std::exception& e) {
        return FetchError{url + ": " + e.what()};
    }
}

}  // namespace rmq::http
