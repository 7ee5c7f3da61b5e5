#pragma once
// Fixed loopback ports for servers that must run on one (a broker's neighbours: the VIP port
// listenPort − 2 and the HA port listenPort + 1), where an ephemeral port will not do.
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "catch.hpp"

namespace rmq::test {

/// A loopback port with its neighbours free (a broker also opens port-2 and port+1).
inline int free_port_block() {
    for (int attempt = 0; attempt < 50; ++attempt) {
        boost::asio::io_context io;
        boost::asio::ip::tcp::acceptor probe(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
        const int port = probe.local_endpoint().port();
        probe.close();
        bool free = port > 1030;
        for (int p : {port - 2, port - 1, port + 1}) {
            boost::system::error_code ec;
            boost::asio::ip::tcp::acceptor other(io);
            other.open(boost::asio::ip::tcp::v4(), ec);
            other.bind({boost::asio::ip::make_address("127.0.0.1"), static_cast<uint16_t>(p)}, ec);
            if (ec) free = false;
        }
        if (free) return port;
    }
    FAIL("no free block of loopback ports");
    return 0;
}

}  // namespace rmq::test
