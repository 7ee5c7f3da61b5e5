// Queue locks for orderly consumption: who gets a queue, refreshes, expiry after the holder goes
// quiet, and unlocking only one's own queues.
#include "catch.hpp"
#include "clients/rebalance_lock_manager.hpp"

using namespace rmq;
using namespace std::chrono_literals;
using broker::RebalanceLockManager;

namespace {

struct FakeClock {
    RebalanceLockManager::Clock::time_point now{};
};

std::vector<body::MessageQueue> queues(std::initializer_list<int32_t> ids) {
    std::vector<body::MessageQueue> out;
    for (int32_t id : ids)
        out.push_back({"Orders", "broker-a", id});
    return out;
}

}  // namespace

TEST_CASE("a queue is locked by one client of a group at a time") {
    FakeClock clock;
    RebalanceLockManager locks(60s, [&] { return clock.now; });
    CHECK(locks.try_lock("CG", queues({0, 1}), "A") == queues({0, 1}));
    CHECK(locks.try_lock("CG", queues({1, 2}), "B") == queues({2}));
    CHECK(locks.holds("CG", queues({1})[0], "A"));
    // Another group locks the same queues independently.
    CHECK(locks.try_lock("other", queues({0, 1, 2}), "C") == queues({0, 1, 2}));
    // The holder asking again keeps (and refreshes) its locks.
    CHECK(locks.try_lock("CG", queues({0, 1, 2}), "A") == queues({0, 1}));
}

TEST_CASE("a lock its holder stops refreshing expires after the max live time") {
    FakeClock clock;
    RebalanceLockManager locks(60s, [&] { return clock.now; });
    REQUIRE(locks.try_lock("CG", queues({0}), "A").size() == 1);
    clock.now += 59s;
    CHECK(locks.try_lock("CG", queues({0}), "B").empty());
    CHECK(locks.try_lock("CG", queues({0}), "A").size() == 1);  // refreshed at 59 s
    clock.now += 61s;
    CHECK_FALSE(locks.holds("CG", queues({0})[0], "A"));
    CHECK(locks.try_lock("CG", queues({0}), "B") == queues({0}));
    CHECK(locks.holds("CG", queues({0})[0], "B"));
}

TEST_CASE("unlocking releases only the asker's queues") {
    FakeClock clock;
    RebalanceLockManager locks(60s, [&] { return clock.now; });
    REQUIRE(locks.try_lock("CG", queues({0}), "A").size() == 1);
    REQUIRE(locks.try_lock("CG", queues({1}), "B").size() == 1);
    locks.unlock("CG", queues({0, 1}), "A");
    CHECK(locks.try_lock("CG", queues({0, 1}), "C") == queues({0}));
    CHECK(locks.holds("CG", queues({1})[0], "B"));
    locks.unlock("unknown", queues({0}), "A");  // nothing to release
}
