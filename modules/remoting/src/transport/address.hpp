#pragma once
// "host:port" strings as RocketMQ passes them around (name server lists, broker addresses).
#include <boost/asio/ip/tcp.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace rmq::remoting {

struct HostPort {
    std::string host;
    uint16_t port = 0;
};

/// Splits at the last ':' ("[::1]:9876" keeps the brackets off the host). nullopt when malformed.
std::optional<HostPort> parse_host_port(std::string_view address);

/// "ip:port", the form Java logs and the broker stores as a client's address.
std::string to_string(const boost::asio::ip::tcp::endpoint& endpoint);

}  // namespace rmq::remoting
