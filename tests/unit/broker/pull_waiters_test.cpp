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

/// One io_context and its PullWaiters, with a pull of T/0 from offset 5 already held.
struct HeldPull {
    boost::asio::io_context io;
    PullWaiters waiters;
    bool ended = false;

    HeldPull() {
        hold(ended);
        settle();
    }

    /// Starts a held pull of T/0 from offset 5; `flag` is set when it returns.
    void hold(bool& flag) {
        boost::asio::co_spawn(
            io,
            [this, &flag]() -> boost::asio::awaitable<void> {
                co_await waiters.wait("T", 0, 5, PullWaiters::Clock::now() + 1h, nullptr,
                                      [] { return false; });
                flag = true;
            },
            boost::asio::detached);
    }

    /// Runs what is ready (an io_context that ran out of work must be restarted first).
    void settle() {
        io.restart();
        io.run_for(20ms);
    }
};

}  // namespace

TEST_CASE_METHOD(HeldPull, "a held pull wakes for a message at its offset, not before") {
    CHECK(waiters.held() == 1);
    waiters.arrived("T", 0, 4, 0, {});  // behind the pull's offset
    settle();
    CHECK_FALSE(ended);
    waiters.arrived("T", 0, 5, 0, {});
    settle();
    CHECK(ended);
    CHECK(waiters.held() == 0);
}

TEST_CASE_METHOD(HeldPull,
                 "after shutdown's wake_all every held pull ends and a new one is not held") {
    waiters.wake_all();
    settle();
    CHECK(ended);

    bool late = false;
    hold(late);
    settle();
    CHECK(late);
    CHECK(waiters.held() == 0);
}
