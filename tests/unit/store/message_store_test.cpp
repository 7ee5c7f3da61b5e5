#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <future>
#include <mutex>
#include <set>
#include <thread>

#include "catch.hpp"
#include "message/java_hash.hpp"
#include "message/record.hpp"
#include "store_test_support.hpp"

using namespace rmq;
using namespace rmq::store;
using test::TempDir;

namespace {

message::MessageExt decode_one(const SelectedBytes& bytes) {
    auto r = message::decode_record(bytes.bytes, {.verify_body_crc = true});
    REQUIRE(r.is_message());
    return std::move(r).record();
}

}  // namespace

TEST_CASE("puts are readable by queue offset with every record field filled in") {
    TempDir dir;
    auto store = test::open_started(test::small_store_config(dir.path()));
    std::vector<PutMessageResult> results;
    for (int i = 0; i < 300; ++i) {
        auto r = store->put_sync(
            test::make_message("TopicA", i % 4, std::string(500 + i, 'a' + i % 26),
                               i % 2 ? "TagOdd" : "TagEven", "key-" + std::to_string(i)));
        REQUIRE(r.status == PutMessageStatus::put_ok);
        CHECK(r.queue_offset == i / 4);
        results.push_back(r);
    }
    // 300 records of ~600 bytes cross several 64 KiB files: each file ends with a blank record.
    CHECK(store->commit_log().files().file_count() > 2);
    test::wait_dispatched(*store);
    for (int q = 0; q < 4; ++q) {
        CHECK(store->max_offset_in_queue("TopicA", q) == 75);
        CHECK(store->min_offset_in_queue("TopicA", q) == 0);
    }
    int64_t offset = 0;
    int seen = 0;
    while (offset < 75) {
        auto got = store->get_message("G", "TopicA", 1, offset, 32);
        REQUIRE(got.status == GetMessageStatus::found);
        for (size_t k = 0; k < got.messages.size(); ++k) {
            const auto m = decode_one(got.messages[k]);
            const int i = static_cast<int>(offset + k) * 4 + 1;
            CHECK(m.queue_offset == offset + static_cast<int64_t>(k));
            CHECK(m.queue_id == 1);
            CHECK(m.topic == "TopicA");
            CHECK(m.body == std::string(500 + i, 'a' + i % 26));
            CHECK(m.commit_log_offset == results[i].wrote_offset);
            CHECK(m.store_timestamp == results[i].store_timestamp);
            CHECK(m.offset_msg_id() == results[i].msg_id);
            CHECK(m.keys() == "key-" + std::to_string(i));
            ++seen;
        }
        offset = got.next_begin_offset;
    }
    CHECK(seen == 75);
    auto past = store->get_message("G", "TopicA", 1, 75, 32);
    CHECK(past.status == GetMessageStatus::offset_overflow_one);
    CHECK(past.next_begin_offset == 75);
    auto far = store->get_message("G", "TopicA", 1, 500, 32);
    CHECK(far.status == GetMessageStatus::offset_overflow_badly);
    CHECK(far.next_begin_offset == 0);
    auto none = store->get_message("G", "Nope", 0, 0, 32);
    CHECK(none.status == GetMessageStatus::no_message_in_queue);
}

TEST_CASE("a clean restart keeps every message and continues the queue offsets") {
    TempDir dir;
    auto config = test::small_store_config(dir.path());
    {
        auto store = test::open_started(config);
        for (int i = 0; i < 50; ++i)
            REQUIRE(store->put_sync(test::make_message("T", 0, "body-" + std::to_string(i))).ok());
        store->shutdown();
    }
    CHECK_FALSE(std::filesystem::exists(dir.path() / "abort"));
    auto store = test::open_started(config);
    CHECK(store->recovery().last_exit_ok);
    CHECK(store->max_offset_in_queue("T", 0) == 50);
    auto r = store->put_sync(test::make_message("T", 0, "after restart"));
    REQUIRE(r.ok());
    CHECK(r.queue_offset == 50);
    test::wait_dispatched(*store);
    auto got = store->get_message("G", "T", 0, 49, 2);
    REQUIRE(got.messages.size() == 2);
    CHECK(decode_one(got.messages[0]).body == "body-49");
    CHECK(decode_one(got.messages[1]).body == "after restart");
}

TEST_CASE("SYNC_FLUSH acknowledges only durable messages") {
    TempDir dir;
    auto config = test::small_store_config(dir.path());
    config.flush_disk_type = FlushDiskType::sync_flush;
    auto store = test::open_started(config);
    std::vector<std::thread> producers;
    std::atomic<int> ok{0};
    for (int t = 0; t < 8; ++t) {
        producers.emplace_back([&, t] {
            for (int i = 0; i < 50; ++i) {
                auto r = store->put_sync(test::make_message("S", t % 2, std::string(200, 'x')));
                if (r.ok()
                    && store->commit_log().flushed_offset() >= r.wrote_offset + r.wrote_bytes)
                    ++ok;
            }
        });
    }
    for (auto& p : producers)
        p.join();
    CHECK(ok == 400);
    test::wait_dispatched(*store);
    CHECK(store->max_offset_in_queue("S", 0) + store->max_offset_in_queue("S", 1) == 400);
}

TEST_CASE("store-side checks reject what RocketMQ rejects") {
    TempDir dir;
    auto store = test::open_started(test::small_store_config(dir.path()));
    CHECK(store->put_sync(test::make_message(std::string(128, 't'), 0, "x")).status
          == PutMessageStatus::message_illegal);
    CHECK(store->put_sync(test::make_message("../evil", 0, "x")).status
          == PutMessageStatus::message_illegal);
    auto big_props = test::make_message("T", 0, "x");
    big_props.set_property("big", std::string(40000, 'p'));
    CHECK(store->put_sync(big_props).status == PutMessageStatus::properties_size_exceeded);
    CHECK(store->put_sync(test::make_message("T", 0, std::string(17 * 1024, 'b'))).status
          == PutMessageStatus::message_illegal);
    store->shutdown();
    CHECK(store->put_sync(test::make_message("T", 0, "x")).status
          == PutMessageStatus::service_not_available);
}

TEST_CASE("a batch takes consecutive queue offsets in one file") {
    TempDir dir;
    auto store = test::open_started(test::small_store_config(dir.path()));
    std::vector<message::MessageExt> batch;
    for (int i = 0; i < 5; ++i)
        batch.push_back(test::make_message("B", 2, "m" + std::to_string(i)));
    REQUIRE(store->put_sync(test::make_message("B", 2, "first")).ok());
    auto r = store->put_batch_sync(batch);
    REQUIRE(r.ok());
    CHECK(r.queue_offset == 1);
    CHECK(r.msg_num == 5);
    CHECK(std::count(r.msg_id.begin(), r.msg_id.end(), ',') == 4);
    test::wait_dispatched(*store);
    auto got = store->get_message("G", "B", 2, 1, 32);
    REQUIRE(got.messages.size() == 5);
    for (int i = 0; i < 5; ++i)
        CHECK(decode_one(got.messages[i]).body == "m" + std::to_string(i));
}

TEST_CASE("a delayed message goes to SCHEDULE_TOPIC_XXXX with its delivery time as tags code") {
    TempDir dir;
    auto store = test::open_started(test::small_store_config(dir.path()));
    auto m = test::make_message("D", 3, "later");
    m.set_property("DELAY", "2");
    auto r = store->put_sync(m);
    REQUIRE(r.ok());
    test::wait_dispatched(*store);
    CHECK(store->max_offset_in_queue("D", 3) == 0);
    auto q = store->consume_queues().find("SCHEDULE_TOPIC_XXXX", 1);
    REQUIRE(q);
    auto unit = q->unit_at(0);
    REQUIRE(unit);
    CHECK(unit->tags_code == r.store_timestamp + 5000);
    const auto stored = decode_one(store->select_one_message_by_offset(r.wrote_offset));
    CHECK(stored.property("REAL_TOPIC") == "D");
    CHECK(stored.property("REAL_QID") == "3");
}

TEST_CASE("a delivered delayed message keeps its DELAY property without being parked again") {
    TempDir dir;
    auto store = test::open_started(test::small_store_config(dir.path()));
    auto m = test::make_message("D", 3, "due");
    m.set_property("DELAY", "2");
    m.set_property("REAL_TOPIC", "D");
    std::promise<PutMessageResult> done;
    store->put(m, PutOptions{.reroute_delayed = false, .wait_for_flush = false},
               [&](PutMessageResult r) { done.set_value(std::move(r)); });
    const auto r = done.get_future().get();
    REQUIRE(r.ok());
    test::wait_dispatched(*store);
    CHECK(store->max_offset_in_queue("D", 3) == 1);
    CHECK(store->max_offset_in_queue("SCHEDULE_TOPIC_XXXX", 1) == 0);
    const auto stored = decode_one(store->select_one_message_by_offset(r.wrote_offset));
    CHECK(stored.topic == "D");
    CHECK(stored.property("DELAY") == "2");
}

TEST_CASE("tag filtering by consume-queue tags code") {
    struct OnlyTag : MessageFilter {
        int64_t code;
        bool matches_tags_code(int64_t c) const override { return c == code; }
    };
    TempDir dir;
    auto store = test::open_started(test::small_store_config(dir.path()));
    for (int i = 0; i < 20; ++i)
        REQUIRE(store->put_sync(test::make_message("F", 0, "b", i % 5 == 0 ? "Hit" : "Miss")).ok());
    test::wait_dispatched(*store);
    OnlyTag filter;
    filter.code = message::tags_hash_code("Hit");
    auto got = store->get_message("G", "F", 0, 0, 32, &filter);
    CHECK(got.status == GetMessageStatus::found);
    CHECK(got.messages.size() == 4);
    CHECK(got.next_begin_offset == 20);
    OnlyTag nothing;
    nothing.code = 12345;
    auto none = store->get_message("G", "F", 0, 0, 32, &nothing);
    CHECK(none.status == GetMessageStatus::no_matched_message);
    CHECK(none.next_begin_offset == 20);
}

TEST_CASE("query by key and lookups by time") {
    TempDir dir;
    auto store = test::open_started(test::small_store_config(dir.path()));
    std::vector<PutMessageResult> results;
    for (int i = 0; i < 40; ++i) {
        results.push_back(
            store->put_sync(test::make_message("Q", 0, "b", "", "k" + std::to_string(i % 10))));
        if (i == 19) ::usleep(20000);
    }
    test::wait_dispatched(*store);
    auto found = store->query_message("Q", "k3", 32, 0, INT64_MAX);
    CHECK(found.messages.size() == 4);
    for (const auto& m : found.messages)
        CHECK(decode_one(m).keys() == "k3");
    const int64_t t20 = results[20].store_timestamp;
    const int64_t at = store->offset_in_queue_by_time("Q", 0, t20);
    CHECK(store->message_store_timestamp("Q", 0, at) == t20);
    CHECK(store->earliest_message_time("Q", 0) == results[0].store_timestamp);
}

TEST_CASE("co_await put resumes the coroutine on its own executor") {
    TempDir dir;
    auto store = test::open_started(test::small_store_config(dir.path()));
    boost::asio::io_context io;
    std::vector<PutMessageResult> results;
    std::thread::id resumed_on;
    boost::asio::co_spawn(
        io,
        [&]() -> boost::asio::awaitable<void> {
            for (int i = 0; i < 10; ++i) {
                results.push_back(
                    co_await store->put(test::make_message("Co", 0, "m" + std::to_string(i))));
                resumed_on = std::this_thread::get_id();
            }
            std::vector<message::MessageExt> batch{test::make_message("Co", 0, "b0"),
                                                   test::make_message("Co", 0, "b1")};
            results.push_back(co_await store->put_batch(std::move(batch)));
        },
        boost::asio::detached);
    io.run();
    REQUIRE(results.size() == 11);
    for (int i = 0; i < 10; ++i) {
        CHECK(results[i].ok());
        CHECK(results[i].queue_offset == i);
    }
    CHECK(results[10].queue_offset == 10);
    CHECK(results[10].msg_num == 2);
    CHECK(resumed_on == std::this_thread::get_id());
}

TEST_CASE("SYNC_MASTER puts wait for the replica hook and take its status") {
    struct SlowSlave : ReplicaWaiter {
        std::vector<int64_t> asked;
        void wait_for(int64_t end_offset, std::function<void(PutMessageStatus)> done) override {
            asked.push_back(end_offset);
            done(asked.size() == 1 ? PutMessageStatus::put_ok
                                   : PutMessageStatus::flush_slave_timeout);
        }
    };
    TempDir dir;
    auto config = test::small_store_config(dir.path());
    config.broker_role = BrokerRole::sync_master;
    auto store = MessageStore::open(config);
    REQUIRE(store);
    auto slave = std::make_shared<SlowSlave>();
    (*store)->set_replica_waiter(slave);
    REQUIRE((*store)->start());
    auto first = (*store)->put_sync(test::make_message("R", 0, "one"));
    auto second = (*store)->put_sync(test::make_message("R", 0, "two"));
    CHECK(first.status == PutMessageStatus::put_ok);
    CHECK(second.status == PutMessageStatus::flush_slave_timeout);
    CHECK(second.stored());
    REQUIRE(slave->asked.size() == 2);
    CHECK(slave->asked[0] == first.wrote_offset + first.wrote_bytes);
    CHECK(slave->asked[1] == second.wrote_offset + second.wrote_bytes);
}

TEST_CASE("expired commit-log files go and the queues and index follow") {
    TempDir dir;
    auto config = test::small_store_config(dir.path());
    config.file_reserved_time_hours = 0;
    auto store = test::open_started(config);
    for (int i = 0; i < 400; ++i)
        REQUIRE(store
                    ->put_sync(test::make_message("E", i % 2, std::string(700, 'e'), "",
                                                  "key" + std::to_string(i)))
                    .ok());
    test::wait_dispatched(*store);
    REQUIRE(store->commit_log().files().file_count() >= 4);
    store->clean_now(true);
    // Everything but the file being written is older than 0 hours.
    CHECK(store->commit_log().files().file_count() == 1);
    const int64_t min = store->min_phy_offset();
    CHECK(min > 0);
    for (int q = 0; q < 2; ++q) {
        const int64_t first = store->min_offset_in_queue("E", q);
        CHECK(first > 0);
        auto got = store->get_message("G", "E", q, first, 1);
        REQUIRE(got.status == GetMessageStatus::found);
        CHECK(got.messages[0].start_offset >= min);
        auto gone = store->get_message("G", "E", q, 0, 1);
        CHECK(gone.status == GetMessageStatus::offset_too_small);
        CHECK(gone.next_begin_offset == first);
    }
    // Restarting keeps the new bounds.
    store.reset();
    store = test::open_started(config);
    CHECK(store->min_phy_offset() == min);
    CHECK(store->get_message("G", "E", 0, 0, 1).status == GetMessageStatus::offset_too_small);
}

TEST_CASE("bad settings are refused at open with the setting named") {
    TempDir dir;
    auto config = test::small_store_config(dir.path());
    config.message_delay_level = "1s 5x";
    auto bad_levels = MessageStore::open(config);
    REQUIRE_FALSE(bad_levels);
    CHECK_THAT(bad_levels.error().message, test::contains("messageDelayLevel"));
    config = test::small_store_config(dir.path());
    config.commit_log_dir = dir.path() / "a;b";
    auto multi = MessageStore::open(config);
    REQUIRE_FALSE(multi);
    CHECK_THAT(multi.error().message, test::contains("storePathCommitLog"));
    config = test::small_store_config(dir.path());
    config.commit_log_file_size = 100;
    auto tiny = MessageStore::open(config);
    REQUIRE_FALSE(tiny);
    CHECK_THAT(tiny.error().message, test::contains("mappedFileSizeCommitLog"));
}

namespace {

/// Holds the append thread in its first acknowledgement, as a stalled disk or peer would.
class StallingSlave : public ReplicaWaiter {
  public:
    void wait_for(int64_t, std::function<void(PutMessageStatus)> done) override {
        if (first_.exchange(false)) std::this_thread::sleep_for(std::chrono::milliseconds(400));
        done(PutMessageStatus::put_ok);
    }

  private:
    std::atomic<bool> first_{true};
};

}  // namespace

TEST_CASE("the append queue reports how long its oldest put has waited") {
    TempDir dir;
    auto config = test::small_store_config(dir.path());
    config.broker_role = BrokerRole::sync_master;
    auto store = MessageStore::open(config);
    REQUIRE(store);
    (*store)->set_replica_waiter(std::make_shared<StallingSlave>());
    REQUIRE((*store)->start());
    CHECK((*store)->put_queue_wait().count() == 0);
    std::atomic<int> done{0};
    (*store)->put(test::make_message("Q", 0, "first"), [&](PutMessageResult) { ++done; });
    std::this_thread::sleep_for(std::chrono::milliseconds(50));  // the append thread is stalled
    for (int i = 0; i < 3; ++i)
        (*store)->put(test::make_message("Q", 0, "queued"), [&](PutMessageResult) { ++done; });
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
    CHECK((*store)->queued_puts() == 3);
    CHECK((*store)->put_queue_wait() >= std::chrono::milliseconds(200));
    for (int i = 0; i < 200 && done < 4; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    CHECK(done == 4);
    CHECK((*store)->put_queue_wait().count() == 0);
    CHECK((*store)->queued_puts() == 0);
}

TEST_CASE("ASYNC_FLUSH puts append on the caller's thread when idle and queue under contention") {
    TempDir dir;
    auto store = test::open_started(test::small_store_config(dir.path()));
    // Idle: the put is appended and answered before put() returns, on this thread.
    std::thread::id answered_on;
    bool answered = false;
    store->put(test::make_message("Fast", 0, "first"), [&](PutMessageResult r) {
        answered = r.ok();
        answered_on = std::this_thread::get_id();
    });
    CHECK(answered);
    CHECK(answered_on == std::this_thread::get_id());

    // Contended: every put is stored once, queue offsets without gaps or repeats.
    constexpr int kThreads = 6, kPuts = 500;
    std::mutex mutex;
    std::set<int64_t> offsets;
    std::vector<std::thread> producers;
    for (int t = 0; t < kThreads; ++t)
        producers.emplace_back([&] {
            for (int i = 0; i < kPuts; ++i) {
                auto r = store->put_sync(test::make_message("Fast", 1, "m"));
                std::lock_guard lock(mutex);
                if (r.ok()) offsets.insert(r.queue_offset);
            }
        });
    for (auto& p : producers)
        p.join();
    CHECK(offsets.size() == static_cast<size_t>(kThreads * kPuts));
    CHECK(*offsets.begin() == 0);
    CHECK(*offsets.rbegin() == kThreads * kPuts - 1);
}
