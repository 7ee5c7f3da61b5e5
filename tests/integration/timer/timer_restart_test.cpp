// Timers across restarts: pending timers outlive a clean stop and a SIGKILL of the broker, and
// afterwards every one is delivered, none twice, none before its time.
#include <thread>

#include "timer_fixture.hpp"

using namespace timer_test;
using rocketmq::Message;

namespace {

/// Sends `n` timers due at `first` + i * `step` ms from four threads; unique key → due time.
std::map<std::string, int64_t> send_timers(rocketmq::Producer& producer, const std::string& topic,
                                           int n, int64_t first, double step) {
    std::mutex mutex;
    std::map<std::string, int64_t> due;
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            for (int i = t; i < n; i += 4) {
                const auto at = first + static_cast<int64_t>(i * step);
                Message m(topic, "timer-" + std::to_string(at) + "-" + std::to_string(i));
                m.set_deliver_time(
                    std::chrono::system_clock::time_point(std::chrono::milliseconds(at)));
                auto sent = producer.send_blocking(m);
                std::lock_guard lock(mutex);
                if (sent) due[sent->msg_id] = at;
            }
        });
    }
    for (auto& t : threads)
        t.join();
    return due;
}

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

/// Every timer of `due` arrived, once (one stored copy), and not before its time.
void check_once_and_on_time(const Arrivals& arrivals, const std::map<std::string, int64_t>& due) {
    const auto got = arrivals.snapshot();
    size_t arrived = 0, twice = 0, early = 0;
    for (const auto& [key, at] : due) {
        auto it = got.find(key);
        if (it == got.end()) continue;
        ++arrived;
        if (it->second.offsets.size() > 1) ++twice;
        if (it->second.first_ms < at) ++early;
    }
    CHECK(arrived == due.size());
    CHECK(twice == 0);
    CHECK(early == 0);
}

}  // namespace

TEST_CASE("pending timers outlive a clean restart and arrive once, at their time") {
    TimerCluster c;
    Arrivals arrivals;
    auto producer = start_producer(c);
    REQUIRE(producer->send_blocking(Message("TimerRestart", "creates the topic")));
    auto consumer = start_consumer(c, "TimerRestart", arrivals);
    REQUIRE(arrivals.wait_for_keys(1, 20s));

    auto due = send_timers(*producer, "TimerRestart", 2000, now_ms() + 4000, 1.0);
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
    // Half come due before the kill (their delivery must not be repeated), half after it.
    const int64_t start = now_ms();
    auto due = send_timers(*producer, "TimerKill", 5000, start + 3000, 0.2);
    auto later = send_timers(*producer, "TimerKill", 5000, start + 12000, 0.2);
    REQUIRE(due.size() == 5000);
    REQUIRE(later.size() == 5000);
    consumer = start_consumer(c, "TimerKill", arrivals);
    REQUIRE(arrivals.wait_for_keys(5000, 60s));
    REQUIRE(now_ms() < start + 12000);  // the second half is still pending
    c.restart(SIGKILL);
    due.insert(later.begin(), later.end());
    REQUIRE(arrivals.wait_for_keys(10000, 90s));
    wait_until_quiet(arrivals);
    check_once_and_on_time(arrivals, due);
}
