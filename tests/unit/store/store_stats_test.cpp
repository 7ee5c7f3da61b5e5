#include "store/store_stats.hpp"

#include "catch.hpp"

using namespace rmq::store;
using namespace std::chrono_literals;

TEST_CASE("store stats: puts, failures and the latency histogram as Java prints it") {
    StoreStats stats;
    stats.record_put(true, 1, 100, 0ms);
    stats.record_put(true, 3, 300, 7ms);
    stats.record_put(true, 1, 50, 60ms);
    stats.record_put(false, 1, 0, 1ms);
    const auto c = stats.counters();
    CHECK(c.put_times == 5);
    CHECK(c.put_size == 450);
    CHECK(c.put_failed == 1);
    CHECK(stats.put_entire_time_max_ms() == 60);
    CHECK(stats.put_latency_distribution()
          == "[<=0ms]:1 [0~10ms]:1 [10~50ms]:0 [50~100ms]:1 [100~200ms]:0 [200~500ms]:0 "
             "[500ms~1s]:0 [1~2s]:0 [2~3s]:0 [3~4s]:0 [4~5s]:0 [5~10s]:0 [10s~]:0 ");
    CHECK(stats.put_latency_quantile_ms(0.5) == 5.0);    // in 0~10ms
    CHECK(stats.put_latency_quantile_ms(0.99) == 75.0);  // in 50~100ms
}

TEST_CASE("store stats: gets found, missed and transferred") {
    StoreStats stats;
    stats.record_get(3, 1ms);
    stats.record_get(0, 0ms);
    stats.record_get(2, 4ms);
    const auto c = stats.counters();
    CHECK(c.get_found == 2);
    CHECK(c.get_miss == 1);
    CHECK(c.get_transferred == 5);
    CHECK(stats.get_entire_time_max_ms() == 4);
}

TEST_CASE("store stats: rates need samples covering their window") {
    StoreStats stats;
    const auto start = StoreStats::Clock::now();
    for (int second = 0; second <= 10; ++second) {
        stats.sample(start + std::chrono::seconds(second));
        stats.record_put(true, 20, 20, 0ms);  // 20 messages a second
    }
    REQUIRE(stats.rate(StoreStats::Rate::put, 10));
    CHECK(*stats.rate(StoreStats::Rate::put, 10) == Approx(20.0));
    CHECK_FALSE(stats.rate(StoreStats::Rate::put, 60));
    CHECK(*stats.rate(StoreStats::Rate::get_total, 10) == 0.0);
}
