#include <ifaddrs.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <chrono>
#include <cstring>
#include <optional>

#include "common/big_endian.hpp"
#include "message/message_id.hpp"

namespace rmq::message {

namespace {

bool is_private_v4(const uint8_t* a) {
    return a[0] == 10 || (a[0] == 172 && a[1] >= 16 && a[1] <= 31) || (a[0] == 192 && a[1] == 168);
}

bool usable_v4(const uint8_t* a) {
    return a[0] != 127 && a[0] != 0;
}

bool usable_v6(const uint8_t* a) {
    static constexpr uint8_t kLoopback[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    const bool link_local = a[0] == 0xFE && (a[1] & 0xC0) == 0x80;
    return !link_local && std::memcmp(a, kLoopback, 16) != 0;
}

}  // namespace

IpAddress local_client_ip() {
    std::optional<IpAddress> public_v4, private_v4, any_v6;
    ifaddrs* list = nullptr;
    if (getifaddrs(&list) == 0) {
        for (ifaddrs* it = list; it != nullptr; it = it->ifa_next) {
            if (it->ifa_addr == nullptr) continue;
            if (it->ifa_addr->sa_family == AF_INET) {
                const auto* sin = reinterpret_cast<const sockaddr_in*>(it->ifa_addr);
                const auto* a = reinterpret_cast<const uint8_t*>(&sin->sin_addr);
                if (!usable_v4(a)) continue;
                auto& slot = is_private_v4(a) ? private_v4 : public_v4;
                if (!slot) slot = IpAddress::from_bytes({a, 4});
            } else if (it->ifa_addr->sa_family == AF_INET6) {
                const auto* sin6 = reinterpret_cast<const sockaddr_in6*>(it->ifa_addr);
                const auto* a = reinterpret_cast<const uint8_t*>(&sin6->sin6_addr);
                if (usable_v6(a) && !any_v6) any_v6 = IpAddress::from_bytes({a, 16});
            }
        }
        freeifaddrs(list);
    }
    if (public_v4) return *public_v4;
    if (private_v4) return *private_v4;
    if (any_v6) return *any_v6;
    // No network at all: ids still have to differ between hosts, so use the clock (Java too).
    using namespace std::chrono;
    const auto ms = duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
    uint8_t fake[4];
    store_be(fake, static_cast<uint32_t>(ms));
    return *IpAddress::from_bytes({fake, 4});
}

}  // namespace rmq::message
