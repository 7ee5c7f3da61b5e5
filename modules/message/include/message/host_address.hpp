#pragma once
// IPv4/IPv6 addresses as they appear inside records and message ids: raw network-order bytes.
#include <array>
#include <cstdint>
#include <cstring>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace rmq::message {

class IpAddress {
  public:
    IpAddress() = default;  // 0.0.0.0

    static IpAddress v4(uint8_t a, uint8_t b, uint8_t c, uint8_t d);
    /// 4 bytes → IPv4, 16 bytes → IPv6; any other size yields nullopt.
    static std::optional<IpAddress> from_bytes(std::span<const uint8_t> bytes);
    /// From 16 (v6) or 4 (!v6) readable bytes at `p`; inline because record decoding calls it
    /// twice per record.
    static IpAddress from_raw(const void* p, bool v6) noexcept {
        IpAddress ip;
        ip.v6_ = v6;
        std::memcpy(ip.bytes_.data(), p, v6 ? 16 : 4);
        return ip;
    }
    /// Dotted quad or any textual IPv6 form accepted by inet_pton.
    static std::optional<IpAddress> parse(std::string_view text);

    bool is_v6() const noexcept { return v6_; }
    /// 4 or 16.
    std::size_t size() const noexcept { return v6_ ? 16 : 4; }
    /// The first size() bytes are meaningful.
    const uint8_t* data() const noexcept { return bytes_.data(); }
    std::span<const uint8_t> bytes() const noexcept { return {bytes_.data(), size()}; }

    /// IPv4 as a dotted quad. IPv6 as Java's Inet6Address.getHostAddress() prints it: eight
    /// lowercase hex groups without leading zeros and without "::" compression
    /// ("0:0:0:0:0:0:0:1"), so strings compare equal to what Java tools log.
    std::string to_string() const;

    friend bool operator==(const IpAddress&, const IpAddress&) = default;

  private:
    std::array<uint8_t, 16> bytes_{};
    bool v6_ = false;
};

/// Address + port of BORNHOST / STOREHOSTADDRESS (an InetSocketAddress in Java).
struct HostAddress {
    IpAddress ip;
    uint16_t port = 0;

    /// "ip:port" with ip as IpAddress::to_string(); IPv6 is not bracketed, matching Java's
    /// getHostAddress() + ":" + port (the last colon separates the port).
    std::string to_string() const;

    /// Accepts "a.b.c.d:port", "[v6]:port" and the unbracketed Java form "v6:port".
    static std::optional<HostAddress> parse(std::string_view text);

    friend bool operator==(const HostAddress&, const HostAddress&) = default;
};

}  // namespace rmq::message
