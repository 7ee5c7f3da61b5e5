#pragma once
// Fixed ports for servers that must run on one (a broker's neighbours: the VIP port
// listenPort − 2 and the HA port listenPort + 1), where an ephemeral port will not do.
//
// They come from below the kernel's ephemeral range: a port found free there stays free until
// the server binds it, whereas one inside the range can meanwhile become the local port of any
// outgoing connection (each etcd request, each client) and the server's bind then fails.
#include <unistd.h>

#include <algorithm>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <cstdint>
#include <fstream>
#include <mutex>

#include "catch.hpp"

namespace rmq::test {

/// The lowest port the kernel hands to outgoing connections (ip_local_port_range).
inline int ephemeral_port_floor() {
    std::ifstream range("/proc/sys/net/ipv4/ip_local_port_range");
    int low = 32768;
    range >> low;
    return low;
}

/// A port with its neighbours free on every address (a broker opens port-2, port and port+1).
/// Each process walks its own stretch of the range, from a start its PID spreads apart from
/// other test processes', so two tests starting clusters at once do not pick the same ports
/// before either has bound them.
inline int free_port_block() {
    static std::mutex mutex;
    std::lock_guard lock(mutex);
    constexpr int kFloor = 10000;
    const int span = std::max(2000, ephemeral_port_floor() - kFloor) - 4;
    static int next = static_cast<int>((static_cast<int64_t>(::getpid()) * 4099) % span) & ~3;
    boost::asio::io_context io;
    for (int attempt = 0; attempt < 500; ++attempt) {
        const int port = kFloor + 2 + next;
        next = (next + 4) % span;
        bool free = true;
        for (int p = port - 2; free && p <= port + 1; ++p) {
            boost::system::error_code ec;
            boost::asio::ip::tcp::acceptor probe(io);
            probe.open(boost::asio::ip::tcp::v4(), ec);
            if (!ec) probe.bind({boost::asio::ip::address_v4::any(), static_cast<uint16_t>(p)}, ec);
            if (ec) free = false;
        }
        if (free) return port;
    }
    FAIL("no free block of ports below the ephemeral range");
    return 0;
}

}  // namespace rmq::test
