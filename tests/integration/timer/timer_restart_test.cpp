// Timers across restarts: pending timers outlive a clean stop and a SIGKILL of the broker, and
// afterwards every one is delivered, none twice, none before its time.
#include <thread>

#include "timer_fixture.hpp"

using namespace timer_test;
using rocketmq::Message;

namespace {

/// Waits until nothing new has arrived for a second: a timer delivered twice after a restart
/// would come with the replay, before the quiet second.
void wait_until_quiet(const Arrivals& arrivals) {
    size_t copies = 0;
    for (int quiet = 0; quiet < 10;) {
        size_t now = 0;
        for (const auto& [key, a] : arrivals.snapshot())
            now += a.offsets.size();
        quiet = now == copies ? quiet + 1 : 0;
        copies = now;
        std::this_thread::sleep_for(100ms);
    }
}

}  // namespace

TEST_CASE("pending timers outlive a clean restart and arrive once, at their time") {
    TimerCluster c;
    Arrivals arrivals;
    auto producer = start_producer(c);
    REQUIRE(producer->send_blocking(Message("TimerRestart", "creates the topic")));
    auto consumer = start_consumer(c, "TimerRestart", arrivals);
    REQUIRE(arrivals.wait_for_keys(1, 20s));

    const int64_t first = now_ms() + 4000;
    auto due =
        send_timers(*producer, "TimerRestart", 2000, [first](int i) { return first + i; }).first;
    REQUIRE(due.size() == 2000);
    c.restart(SIGTERM);
    REQUIRE(arrivals.wait_for_keys(2001, 60s));
    wait_until_quiet(arrivals);
    check_once_and_on_time(arrivals, due);
}

TEST_CASE(
    "a broker SIGKILLed with 10,000 pending timers delivers every one after it restarts, "
    "none twice") {
    TimerCluster c;
    Arrivals arrivals;
    auto producer = start_producer(c);
    auto consumer = std::unique_ptr<rocketmq::PushConsumer>();
    // Half come due before the kill (their delivery must not be repeated), half after it. The
    // second half is due well after the first has been sent, however slow this build sends
    // (a sanitizer build sends 30 times slower).
    const int64_t start = now_ms();
    auto due = send_timers(*producer, "TimerKill", 5000, [start](int i) {
                   return start + 3000 + i / 5;
               }).first;
    const int64_t sending = now_ms() - start;
    const int64_t later_start = now_ms() + 2 * sending + 9000;
    auto later = send_timers(*producer, "TimerKill", 5000, [later_start](int i) {
                     return later_start + i / 5;
                 }).first;
    REQUIRE(due.size() == 5000);
    REQUIRE(later.size() == 5000);
    consumer = start_consumer(c, "TimerKill", arrivals);
    REQUIRE(arrivals.wait_for_keys(5000, 120s));
    REQUIRE(now_ms() < later_start);  // the second half is still pending
    c.restart(SIGKILL);
    due.insert(later.begin(), later.end());
    REQUIRE(arrivals.wait_for_keys(10000, 180s));
    wait_until_quiet(arrivals);
    check_once_and_on_time(arrivals, due);
}
