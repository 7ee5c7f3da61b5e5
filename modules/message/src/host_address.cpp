#include "message/host_address.hpp"

#include <arpa/inet.h>

#include <charconv>
#include <cstring>

namespace rmq::message {

IpAddress IpAddress::v4(uint8_t a, uint8_t b, uint8_t c, uint8_t d) {
    IpAddress ip;
    ip.bytes_[0] = a;
    ip.bytes_[1] = b;
    ip.bytes_[2] = c;
    ip.bytes_[3] = d;
    return ip;
}

std::optional<IpAddress> IpAddress::from_bytes(std::span<const uint8_t> bytes) {
    if (bytes.size() != 4 && bytes.size() != 16) return std::nullopt;
    IpAddress ip;
    ip.v6_ = bytes.size() == 16;
    std::memcpy(ip.bytes_.data(), bytes.data(), bytes.size());
    return ip;
}

std::optional<IpAddress> IpAddress::parse(std::string_view text) {
    // inet_pton needs a NUL-terminated string; addresses are short, so a stack copy suffices.
    char buf[64];
    if (text.empty() || text.size() >= sizeof buf) return std::nullopt;
    std::memcpy(buf, text.data(), text.size());
    buf[text.size()] = '\0';
    IpAddress ip;
    if (inet_pton(AF_INET, buf, ip.bytes_.data()) == 1) return ip;
    if (inet_pton(AF_INET6, buf, ip.bytes_.data()) == 1) {
        ip.v6_ = true;
        return ip;
    }
    return std::nullopt;
}

std::string IpAddress::to_string() const {
    std::string out;
    char num[8];
    if (!v6_) {
        for (std::size_t i = 0; i < 4; ++i) {
            if (i) out.push_back('.');
            auto r = std::to_chars(num, num + sizeof num, bytes_[i]);
            out.append(num, r.ptr);
        }
        return out;
    }
    for (std::size_t g = 0; g < 8; ++g) {
        if (g) out.push_back(':');
        unsigned group = (unsigned{bytes_[2 * g]} << 8) | bytes_[2 * g + 1];
        auto r = std::to_chars(num, num + sizeof num, group, 16);
        out.append(num, r.ptr);
    }
    return out;
}

std::string HostAddress::to_string() const {
    std::string out = ip.to_string();
    out.push_back(':');
    out += std::to_string(port);
    return out;
}

std::optional<HostAddress> HostAddress::parse(std::string_view text) {
    auto colon = text.rfind(':');
    if (colon == std::string_view::npos) return std::nullopt;
    std::string_view host = text.substr(0, colon);
    std::string_view port_text = text.substr(colon + 1);
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
        host = host.substr(1, host.size() - 2);
    }
    unsigned port = 0;
    auto [ptr, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (ec != std::errc{} || ptr != port_text.data() + port_text.size() || port > 65535) {
        return std::nullopt;
    }
    auto ip = IpAddress::parse(host);
    if (!ip) return std::nullopt;
    return HostAddress{*ip, static_cast<uint16_t>(port)};
}

}  // namespace rmq::message
