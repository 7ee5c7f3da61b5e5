// PullWaiters: a held pull ends when a matching message arrives, at its deadline, or at shutdown;
// after shutdown none is held, so none outlives the server's io_context.
#include "pull/pull_waiters.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <chrono>

#include "catch.hpp"

using rmq::broker::PullWaiters;
using namespace std::chrono_literals;

namespace {

/// Starts a held pull of T/0 from offset 5 on `io`; `ended` is set when it returns.
void hold(boost::asio::io_context& io, PullWaiters& waiters, bool& ended) {
    boost::asio::co_spawn(
        io,
        [&]() -> boost::asio::awaitable<void> {
            co_await waiters.wait("T", 0, 5, PullWaiters::Clock::now() + 1h, nullptr,
                                  [] { return false; });
            ended = true;
        },
        boost::asio::detached);
}

/// Runs what is ready (an io_context that ran out of work must be restarted first).
void settle(boost::asio::io_context& io) {
    io.restart();
    io.run_for(20ms);
}

}  // namespace

TEST_CASE("a held pull wakes for a message at its offset, not before") {
    boost::asio::io_context io;
    PullWaiters waiters;
    bool ended = false;
    hold(io, waiters, ended);
    settle(io);
    CHECK(waiters.held() == 1);
    waiters.arrived("T", 0, 4, 0);  // behind the pull's offset
    settle(io);
    CHECK_FALSE(ended);
    waiters.arrived("T", 0, 5, 0);
    settle(io);
    CHECK(ended);
    CHECK(waiters.held() == 0);
}

TEST_CASE("after shutdown's wake_all every held pull ends and a new one is not held") {
    boost::asio::io_context io;
    PullWaiters waiters;
    bool first = false;
    hold(io, waiters, first);
    settle(io);
    waiters.wake_all();
    settle(io);
    CHECK(first);

    bool late = false;
    hold(io, waiters, late);
    settle(io);
    CHECK(late);
    CHECK(waiters.held() == 0);
}
