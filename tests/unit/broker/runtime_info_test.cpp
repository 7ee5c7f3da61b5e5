#include "core/runtime_info.hpp"

#include "catch.hpp"
#include "temp_dir.hpp"

using namespace rmq::broker;

TEST_CASE("runtime info: sizes and uptime in Java's wording") {
    CHECK(human_readable_bytes(0) == "0 B");
    CHECK(human_readable_bytes(1023) == "1023 B");
    CHECK(human_readable_bytes(1536) == "1.5 KiB");
    CHECK(human_readable_bytes(int64_t{252} << 30) == "252.0 GiB");
    CHECK(runtime_text(79'000) == "[ 0 days, 0 hours, 1 minutes, 19 seconds ]");
    CHECK(runtime_text((2 * 86400 + 3 * 3600 + 4 * 60 + 5) * 1000LL)
          == "[ 2 days, 3 hours, 4 minutes, 5 seconds ]");
}

TEST_CASE("runtime info: rates as Java joins them, empty until sampled") {
    rmq::test::TempDir dir;
    rmq::store::StoreConfig config;
    config.root_dir = dir.path();
    config.commit_log_file_size = 1 << 20;
    auto store = rmq::store::MessageStore::open(config);
    REQUIRE(store);
    REQUIRE((*store)->start());
    rmq::config::BrokerConfig broker;
    auto kv = runtime_info({**store, broker, {}, 0, 61'000});
    CHECK(*kv.table.find("putTps") == "  ");
    CHECK(*kv.table.find("getTotalTps") == "0.0 0.0 0.0");
    const auto start = rmq::store::StoreStats::Clock::now();
    for (int s = 0; s <= 10; ++s)
        (*store)->stats().sample(start + std::chrono::seconds(s));
    kv = runtime_info({**store, broker, {}, 0, 61'000});
    CHECK(*kv.table.find("putTps") == "0.0  ");
    CHECK(*kv.table.find("runtime") == "[ 0 days, 0 hours, 1 minutes, 1 seconds ]");
    CHECK(*kv.table.find("commitLogMinOffset") == "-1");  // no commit-log file yet, as in Java
}
