// Many timers at once, as docs/performance.md reports them: how late they arrive, how fast they
// are scheduled and fired, and what a pending timer costs the broker's memory. Small by default;
// RMQ_TIMER_SOAK_TIMERS and RMQ_TIMER_SOAK_SECONDS set the full run (100,000 over 60 s).
#include <algorithm>
#include <fstream>
#include <thread>

#include "timer_fixture.hpp"

using namespace timer_test;
using rocketmq::Message;

namespace {

int env_or(const char* name, int fallback) {
    const char* v = std::getenv(name);
    return v && *v ? std::atoi(v) : fallback;
}

/// The broker's anonymous resident memory (heap, not the mapped store files), in KiB.
int64_t rss_anon_kib(pid_t pid) {
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    for (std::string line; std::getline(status, line);)
        if (line.starts_with("RssAnon:")) return std::stoll(line.substr(8));
    return -1;
}

int64_t percentile(std::vector<int64_t>& v, double p) {
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size())))];
}

}  // namespace

TEST_CASE("timers spread over a window arrive on time: lateness, rates and memory") {
    const int n = env_or("RMQ_TIMER_SOAK_TIMERS", 3000);
    const int window_ms = env_or("RMQ_TIMER_SOAK_SECONDS", 5) * 1000;
    TimerCluster c;
    Arrivals arrivals;
    auto producer = start_producer(c);
    REQUIRE(producer->send_blocking(Message("TimerSoak", "creates the topic")));
    auto consumer = start_consumer(c, "TimerSoak", arrivals);
    REQUIRE(arrivals.wait_for_keys(1, 20s));
    const pid_t broker = c.broker.process->pid();

    // The reference: plain sends by the same 16 threads.
    auto [plain, plain_took] = send_timers(*producer, "TimerSoakPlain", n, [](int) { return 0; });
    REQUIRE(plain.size() == static_cast<size_t>(n));

    // Far-future timers wait in the timer log only: what do they cost in memory?
    const int64_t before_far = rss_anon_kib(broker);
    auto [far, far_took] =
        send_timers(*producer, "TimerSoakFar", n, [](int i) { return now_ms() + 3'600'000 + i; });
    REQUIRE(far.size() == static_cast<size_t>(n));
    const int64_t after_far = rss_anon_kib(broker);

    // Timers of the next minute or so are in the wheel; sent well before the first is due.
    // ms: the sends must be over before the first is due, at the plain sends' pace or twice it.
    const int64_t lead = 3000 + static_cast<int64_t>(2000 * plain_took);
    const int64_t base = now_ms() + lead;
    const int64_t before_near = rss_anon_kib(broker);
    auto [due, took] = send_timers(*producer, "TimerSoak", n, [&](int i) {
        return base + static_cast<int64_t>(i) * window_ms / n;
    });
    REQUIRE(due.size() == static_cast<size_t>(n));
    const int64_t after_near = rss_anon_kib(broker);
    CHECK(now_ms() < base);  // else the lead was too short for this machine

    REQUIRE(arrivals.wait_for_keys(static_cast<size_t>(n) + 1,
                                   std::chrono::milliseconds(lead + window_ms + 60'000)));
    std::vector<int64_t> lateness;
    size_t early = 0, twice = 0;
    int64_t last = 0;
    for (const auto& [key, a] : arrivals.snapshot()) {
        auto it = due.find(key);
        if (it == due.end()) continue;
        if (a.first_ms < it->second) ++early;
        if (a.offsets.size() > 1) ++twice;
        lateness.push_back(a.first_ms - it->second);
        last = std::max(last, a.first_ms);
    }
    CHECK(lateness.size() == static_cast<size_t>(n));
    CHECK(early == 0);
    CHECK(twice == 0);
    WARN(n << " timers over " << window_ms << " ms: lateness p50 " << percentile(lateness, 0.5)
           << " ms, p99 " << percentile(lateness, 0.99) << " ms, p999 "
           << percentile(lateness, 0.999) << " ms, max " << percentile(lateness, 1.0)
           << " ms; scheduled " << static_cast<int64_t>(n / took) << "/s (far ones "
           << static_cast<int64_t>(n / far_took) << "/s, plain sends "
           << static_cast<int64_t>(n / plain_took)
           << "/s); broker heap per pending timer: " << (after_far - before_far) * 1024 / n
           << " B in the log, " << (after_near - before_near) * 1024 / n << " B in the wheel");
}

TEST_CASE("timers all due at one millisecond are fired as fast as the store takes them") {
    const int n = env_or("RMQ_TIMER_SOAK_TIMERS", 3000);
    TimerCluster c;
    Arrivals arrivals;
    auto producer = start_producer(c);
    REQUIRE(producer->send_blocking(Message("TimerBurst", "creates the topic")));
    auto consumer = start_consumer(c, "TimerBurst", arrivals);
    REQUIRE(arrivals.wait_for_keys(1, 20s));
    const int64_t at = now_ms() + 3000 + n / 5;
    auto [due, took] = send_timers(*producer, "TimerBurst", n, [at](int) { return at; });
    REQUIRE(due.size() == static_cast<size_t>(n));
    REQUIRE(arrivals.wait_for_keys(static_cast<size_t>(n) + 1, 120s));
    int64_t last = 0;
    size_t early = 0;
    for (const auto& [key, a] : arrivals.snapshot()) {
        if (!due.contains(key)) continue;
        last = std::max(last, a.first_ms);
        if (a.first_ms < at) ++early;
    }
    CHECK(early == 0);
    WARN(n << " timers due at one millisecond: the last arrived " << last - at << " ms after it ("
           << (last > at ? n * 1000 / (last - at) : n) << " fired/s, consumed included)");
}
