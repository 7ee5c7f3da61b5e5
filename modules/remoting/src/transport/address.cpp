#include "address.hpp"

#include <charconv>

namespace rmq::remoting {

std::optional<HostPort> parse_host_port(std::string_view address) {
    auto colon = address.rfind(':');
    if (colon == std::string_view::npos || colon == 0 || colon + 1 == address.size())
        return std::nullopt;
    std::string_view host = address.substr(0, colon);
    std::string_view port_text = address.substr(colon + 1);
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']')
        host = host.substr(1, host.size() - 2);
    unsigned port = 0;
    auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (ec != std::errc() || end != port_text.data() + port_text.size() || port == 0
        || port > 65535)
        return std::nullopt;
    return HostPort{std::string(host), static_cast<uint16_t>(port)};
}

std::string to_string(const boost::asio::ip::tcp::endpoint& endpoint) {
    auto address = endpoint.address();
    if (address.is_v6() && address.to_v6().is_v4_mapped())
        address = boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, address.to_v6());
    return address.to_string() + ":" + std::to_string(endpoint.port());
}

}  // namespace rmq::remoting
