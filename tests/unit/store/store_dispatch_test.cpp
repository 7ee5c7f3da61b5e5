// The dispatcher (reput) has no polling timeout: it runs only when an append (ASYNC_FLUSH) or a
// flush (SYNC_FLUSH) wakes it. A lost wake-up would leave a message undispatched until the next
// put, so each put here is the last one until its dispatch has been seen.
#include <chrono>
#include <thread>
#include <vector>

#include "catch.hpp"
#include "store_test_support.hpp"

using namespace rmq;
using namespace rmq::store;
using namespace std::chrono_literals;

namespace {

void check_every_put_dispatched_alone(FlushDiskType flush) {
    test::TempDir dir;
    auto config = test::small_store_config(dir.path());
    config.flush_disk_type = flush;
    auto opened = MessageStore::open(config);
    REQUIRE(opened);
    auto store = std::move(*opened);
    test::DispatchCounter counter;
    store->add_arrival_listener([&](const DispatchRequest&) { counter.arrived(); });
    REQUIRE(store->start());

    // Two producers in lock step: each put is followed by nothing until both are dispatched.
    constexpr int kRounds = 500;
    for (int round = 0; round < kRounds; ++round) {
        std::vector<std::thread> producers;
        for (int p = 0; p < 2; ++p)
            producers.emplace_back([&, p] {
                auto r = store->put_sync(
                    test::make_message("Wake", p, "round " + std::to_string(round)));
                CHECK(r.status == PutMessageStatus::put_ok);
            });
        for (auto& t : producers)
            t.join();
        // Far beyond a dispatch's microseconds; only a lost wake-up can exhaust it.
        REQUIRE(counter.wait_for_count(2 * (round + 1), 5s));
    }
    CHECK(store->max_offset_in_queue("Wake", 0) == kRounds);
    CHECK(store->max_offset_in_queue("Wake", 1) == kRounds);
}

}  // namespace

TEST_CASE("ASYNC_FLUSH: every append wakes the dispatcher, with no later put needed") {
    check_every_put_dispatched_alone(FlushDiskType::async_flush);
}

TEST_CASE("SYNC_FLUSH: every flush wakes the dispatcher, with no later put needed") {
    check_every_put_dispatched_alone(FlushDiskType::sync_flush);
}
