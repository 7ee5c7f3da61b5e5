// The servers' one service shape: coroutines on strands of a pool, cancelled together by stop().
#include "service/service_runner.hpp"

#include <atomic>
#include <boost/asio/thread_pool.hpp>
#include <chrono>
#include <thread>

#include "catch.hpp"

using rmq::service::ServiceRunner;
using namespace std::chrono_literals;

TEST_CASE("services run on the pool until stop() cancels them, and stop() waits for them") {
    boost::asio::thread_pool pool(2);
    ServiceRunner runner(pool.get_executor(), "test");
    std::atomic<int> ticks{0};
    std::atomic<int> ended{0};
    for (int i = 0; i < 20; ++i)
        runner.spawn("ticker", [&]() -> boost::asio::awaitable<void> {
            co_await ServiceRunner::every(1ms, [&] { ++ticks; });
            ++ended;
        });
    const auto until = std::chrono::steady_clock::now() + 10s;
    while (ticks < 200 && std::chrono::steady_clock::now() < until)
        std::this_thread::yield();
    CHECK(ticks >= 200);
    runner.stop();
    // Every service saw the cancellation and returned before stop() did.
    CHECK(ended == 20);
    CHECK(runner.stopping());
    pool.join();
}

TEST_CASE("a service stopped during a long wait ends at once, not at the wait's end") {
    boost::asio::thread_pool pool(1);
    ServiceRunner runner(pool.get_executor(), "test");
    std::atomic<bool> started{false};
    std::atomic<bool> slept_through{true};
    runner.spawn("sleeper", [&]() -> boost::asio::awaitable<void> {
        started = true;
        slept_through = co_await ServiceRunner::sleep(1h);
    });
    const auto until = std::chrono::steady_clock::now() + 10s;
    while (!started && std::chrono::steady_clock::now() < until)
        std::this_thread::yield();
    REQUIRE(started);
    runner.stop();  // would hang for an hour if the wait were not cancelled
    CHECK_FALSE(slept_through);
    pool.join();
}
