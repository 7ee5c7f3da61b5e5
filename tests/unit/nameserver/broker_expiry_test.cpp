// The broker-expiry coroutine on a test-owned io_context: no server, no sockets.
#include "broker_expiry.hpp"

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <exception>

#include "catch.hpp"

using namespace rmq::nameserver;
using namespace std::chrono_literals;
namespace asio = boost::asio;

namespace {

Registration broker(const std::string& name, const std::string& addr, const std::string& topic) {
    Registration r;
    r.cluster = "DefaultCluster";
    r.broker_name = name;
    r.broker_addr = addr;
    r.topics.push_back({topic, 4, 4, 6, 0});
    return r;
}

}  // namespace

TEST_CASE("the expiry coroutine drops a silent broker, keeps a live one and ends on cancel") {
    RouteInfoManager routes;
    const auto now = RouteInfoManager::Clock::now();
    routes.register_broker(broker("silent", "10.0.0.1:10911", "Old"), now - 10min);
    routes.register_broker(broker("alive", "10.0.0.2:10911", "New"), now);

    asio::io_context io;
    asio::cancellation_signal stop;
    bool ended = false;
    std::exception_ptr failure;
    asio::co_spawn(io, expire_silent_brokers(routes, 1min, 10ms),
                   asio::bind_cancellation_slot(stop.slot(), [&](std::exception_ptr e) {
                       ended = true;
                       failure = e;
                   }));

    // The scan runs every 10 ms; the deadline only bounds a hang.
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    while (routes.live_broker_count() > 1 && std::chrono::steady_clock::now() < deadline)
        io.run_one_for(100ms);
    CHECK(routes.live_broker_count() == 1);
    CHECK_FALSE(routes.topic_route("Old"));
    CHECK(routes.topic_route("New"));
    CHECK_FALSE(ended);

    stop.emit(asio::cancellation_type::terminal);
    io.run_for(10s);  // returns as soon as the coroutine has ended and left no work
    CHECK(ended);
    CHECK_FALSE(failure);
}
