// 10,000 queues in one store: every queue is written, recovered and read back.
#include <chrono>

#include "catch.hpp"
#include "store_test_support.hpp"

using namespace rmq;
using namespace rmq::store;

TEST_CASE("ten thousand queues: puts and a restart and reads all work") {
    test::TempDir dir;
    auto config = test::small_store_config(dir.path());
    config.commit_log_file_size = 4 * 1024 * 1024;
    constexpr int kTopics = 2500;
    constexpr int kQueuesPerTopic = 4;
    const auto topic = [](int t) { return "Many" + std::to_string(t); };
    const auto t0 = std::chrono::steady_clock::now();
    {
        auto store = test::open_started(config);
        for (int round = 0; round < 2; ++round)
            for (int t = 0; t < kTopics; ++t)
                for (int q = 0; q < kQueuesPerTopic; ++q) {
                    auto r = store->put_sync(
                        test::make_message(topic(t), q, "m" + std::to_string(round)));
                    REQUIRE(r.ok());
                    REQUIRE(r.queue_offset == round);
                }
        test::wait_dispatched(*store);
        CHECK(store->consume_queues().size() == kTopics * kQueuesPerTopic);
        store->shutdown();
    }
    const auto t1 = std::chrono::steady_clock::now();
    auto store = test::open_started(config);
    const auto t2 = std::chrono::steady_clock::now();
    for (int t = 0; t < kTopics; ++t)
        for (int q = 0; q < kQueuesPerTopic; ++q) {
            auto got = store->get_message("G", topic(t), q, 0, 32);
            REQUIRE(got.status == GetMessageStatus::found);
            REQUIRE(got.messages.size() == 2);
        }
    const auto t3 = std::chrono::steady_clock::now();
    using ms = std::chrono::milliseconds;
    WARN("10k queues: 20k puts + shutdown "
         << std::chrono::duration_cast<ms>(t1 - t0).count() << " ms, reopen "
         << std::chrono::duration_cast<ms>(t2 - t1).count() << " ms, 10k pulls "
         << std::chrono::duration_cast<ms>(t3 - t2).count() << " ms");
}
