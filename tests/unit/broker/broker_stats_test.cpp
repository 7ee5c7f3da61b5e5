// The traffic counters behind VIEW_BROKER_STATS_DATA: StatsItem's windows computed as Java's
// computeStatsData does, from the window's first sample to the moment asked.
#include "core/broker_stats.hpp"

#include "body/broker_stats_data.hpp"
#include "catch.hpp"

using namespace rmq;
using broker::BrokerStats;
using broker::StatsItem;

TEST_CASE("a new item counts from a zero sample one period before its creation") {
    StatsItem item(1'000'000);
    item.add(5, 1);
    const auto view = item.view(1'000'000);
    CHECK(view.minute.sum == 5);
    CHECK(view.minute.tps == 0.5);  // 5 over the 10 s back to the seed sample
    CHECK(view.minute.avgpt == 5.0);
    CHECK(view.hour.sum == 5);
    CHECK(view.hour.tps == 5.0 / 600);
    CHECK(view.day.sum == 5);
}

TEST_CASE("the minute window drops samples older than its seven") {
    StatsItem item(0);
    int64_t now = 0;
    for (int i = 0; i < 10; ++i) {
        item.add(10, 2);
        now += 10'000;
        item.sample(now);
    }
    // Samples at 40 s … 100 s remain: 60 s and 60 messages in 12 calls.
    const auto view = item.view(now);
    CHECK(view.minute.sum == 60);
    CHECK(view.minute.tps == 1.0);
    CHECK(view.minute.avgpt == 5.0);
    // The hour window took no sample yet (10 min period): everything since its seed.
    CHECK(view.hour.sum == 100);
}

TEST_CASE("broker stats are keyed like Java's and unknown ones are absent") {
    BrokerStats stats("DefaultCluster");
    stats.on_put("T", 2, 300);
    stats.on_get("T", "G", 2, 300);
    stats.on_send_back("T", "G");
    const int64_t now = 0;
    CHECK(stats.view("TOPIC_PUT_NUMS", "T", now)->day.sum == 2);
    CHECK(stats.view("TOPIC_PUT_SIZE", "T", now)->day.sum == 300);
    CHECK(stats.view("BROKER_PUT_NUMS", "DefaultCluster", now)->day.sum == 2);
    CHECK(stats.view("GROUP_GET_NUMS", "T@G", now)->day.sum == 2);
    CHECK(stats.view("GROUP_GET_SIZE", "T@G", now)->day.sum == 300);
    CHECK(stats.view("BROKER_GET_NUMS", "DefaultCluster", now)->day.sum == 2);
    CHECK(stats.view("SNDBCK_PUT_NUMS", "T@G", now)->day.sum == 1);
    CHECK_FALSE(stats.view("TOPIC_PUT_NUMS", "G", now));
    CHECK_FALSE(stats.view("QUEUE_PUT_NUMS", "T", now));
}

TEST_CASE("BrokerStatsData is written with fastjson's property order and doubles") {
    body::BrokerStatsData data;
    data.stats_minute = {3, 0.05, 1.0};
    const std::string text = data.encode();
    CHECK(text
          == "{\"statsDay\":{\"avgpt\":0.0,\"sum\":0,\"tps\":0.0},\"statsHour\":{\"avgpt\":0.0,"
             "\"sum\":0,\"tps\":0.0},\"statsMinute\":{\"avgpt\":1.0,\"sum\":3,\"tps\":0.05}}");
    auto back = body::BrokerStatsData::decode(text);
    REQUIRE(back);
    CHECK(*back == data);
}
