// The slave side of replication in the store: a master's commit-log bytes, appended as the HA
// stream delivers them (at most 32 KiB, never across a file), give the slave byte-identical files
// and consume queues built by its own dispatcher.
#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "catch.hpp"
#include "common/big_endian.hpp"
#include "store_test_support.hpp"

using namespace rmq;
using namespace rmq::store;

namespace {

constexpr int64_t kTransferBatch = 32 * 1024;  // haTransferBatchSize
constexpr int kQueues = 4;

std::unique_ptr<MessageStore> master_with_messages(const std::filesystem::path& dir, int count) {
    auto store = test::open_started(test::small_store_config(dir));
    for (int i = 0; i < count; ++i) {
        auto r = store->put_sync(test::make_message("Replicated", i % kQueues,
                                                    std::string(400 + i, 'a' + i % 26), "Tag",
                                                    "key-" + std::to_string(i)));
        REQUIRE(r.status == PutMessageStatus::put_ok);
    }
    // The tests compare the slave's pulls with the master's, so the master's queues must be built.
    test::wait_dispatched(*store);
    return store;
}

std::unique_ptr<MessageStore> slave_store(const std::filesystem::path& dir) {
    auto config = test::small_store_config(dir);
    config.broker_role = BrokerRole::slave;
    return test::open_started(config);
}

/// What an HA master sends from `from` on: chunks of its readable bytes, each within one file.
void replicate(const MessageStore& master, MessageStore& slave, int64_t from) {
    int64_t offset = from;
    while (offset < master.commit_log().max_offset()) {
        auto readable = master.commit_log().read_from(offset);
        REQUIRE(readable);
        const auto size =
            std::min<int64_t>(kTransferBatch, static_cast<int64_t>(readable.bytes.size()));
        auto appended =
            slave.append_replicated(offset, readable.bytes.first(static_cast<size_t>(size)));
        INFO((appended ? std::string() : appended.error().message));
        REQUIRE(appended.ok());
        offset += size;
    }
}

std::string log_bytes(const MessageStore& store, int64_t from, int64_t to) {
    std::string out;
    for (int64_t at = from; at < to;) {
        auto readable = store.commit_log().read_from(at);
        REQUIRE(readable);
        const auto take = std::min<int64_t>(to - at, static_cast<int64_t>(readable.bytes.size()));
        out.append(readable.bytes.data(), static_cast<size_t>(take));
        at += take;
    }
    return out;
}

}  // namespace

TEST_CASE("a slave given the master's bytes from 0 has the same log and serves the same pulls") {
    test::TempDir dir;
    auto master = master_with_messages(dir / "master", 300);
    REQUIRE(master->commit_log().files().file_count() > 2);  // the stream crosses files
    auto slave = slave_store(dir / "slave");

    replicate(*master, *slave, 0);
    const int64_t end = master->commit_log().max_offset();
    CHECK(slave->commit_log().max_offset() == end);
    CHECK(log_bytes(*slave, 0, end) == log_bytes(*master, 0, end));

    test::wait_dispatched(*slave);
    for (int q = 0; q < kQueues; ++q) {
        REQUIRE(slave->max_offset_in_queue("Replicated", q) == 75);
        auto got = slave->get_message("G", "Replicated", q, 70, 32);
        REQUIRE(got.status == GetMessageStatus::found);
        REQUIRE(got.message_count() == 5);
        auto expected = master->get_message("G", "Replicated", q, 70, 32);
        REQUIRE(expected.message_count() == 5);
        for (size_t i = 0; i < got.message_count(); ++i)
            CHECK(std::string_view(got.messages[i].bytes.data(), got.messages[i].bytes.size())
                  == std::string_view(expected.messages[i].bytes.data(),
                                      expected.messages[i].bytes.size()));
    }

    // A clean restart of the slave keeps all of it.
    slave->shutdown();
    slave.reset();
    auto again = slave_store(dir / "slave");
    CHECK(again->commit_log().max_offset() == end);
    CHECK(again->max_offset_in_queue("Replicated", 1) == 75);
}

TEST_CASE("an empty slave starts where the master starts it: the beginning of its last file") {
    test::TempDir dir;
    auto master = master_with_messages(dir / "master", 300);
    const int64_t start = master->commit_log().files().last_file()->file_from_offset();
    REQUIRE(start > 0);
    auto slave = slave_store(dir / "slave");

    replicate(*master, *slave, start);
    const int64_t end = master->commit_log().max_offset();
    CHECK(slave->commit_log().min_offset() == start);
    CHECK(log_bytes(*slave, start, end) == log_bytes(*master, start, end));
    test::wait_dispatched(*slave);
    // The queues hold what the copied file holds, at the master's queue offsets.
    for (int q = 0; q < kQueues; ++q)
        CHECK(slave->max_offset_in_queue("Replicated", q) == 75);
    auto last = slave->get_message("G", "Replicated", 2, 74, 1);
    REQUIRE(last.status == GetMessageStatus::found);
    auto expected = master->get_message("G", "Replicated", 2, 74, 1);
    REQUIRE(expected.status == GetMessageStatus::found);
    CHECK(
        std::string_view(last.messages[0].bytes.data(), last.messages[0].bytes.size())
        == std::string_view(expected.messages[0].bytes.data(), expected.messages[0].bytes.size()));
}

TEST_CASE("a chunk that ends inside a record: the dispatcher waits for the rest, skips nothing") {
    test::TempDir dir;
    auto master = master_with_messages(dir / "master", 20);
    REQUIRE(master->commit_log().files().file_count() == 1);
    const int64_t end = master->commit_log().max_offset();
    const std::string bytes = log_bytes(*master, 0, end);
    // Records are 500-odd bytes: 1000 bytes hold one whole record and the start of the next.
    const int64_t split = 1000;
    int complete = 0;
    for (int64_t at = 0; at + load_be<int32_t>(bytes.data() + at) <= split;
         at += load_be<int32_t>(bytes.data() + at))
        ++complete;
    REQUIRE(complete == 1);

    auto config = test::small_store_config(dir / "slave");
    config.broker_role = BrokerRole::slave;
    auto opened = MessageStore::open(config);
    REQUIRE(opened);
    auto slave = std::move(*opened);
    test::DispatchCounter counter;
    slave->add_arrival_listener([&](const DispatchRequest&) { counter.arrived(); });
    REQUIRE(slave->start());

    REQUIRE(slave->append_replicated(0, {bytes.data(), static_cast<size_t>(split)}).ok());
    REQUIRE(counter.wait_for_count(complete, std::chrono::seconds(5)));
    REQUIRE(slave->append_replicated(split, {bytes.data() + split, bytes.size() - split}).ok());
    REQUIRE(counter.wait_for_count(20, std::chrono::seconds(5)));
    for (int q = 0; q < kQueues; ++q)
        CHECK(slave->max_offset_in_queue("Replicated", q) == 5);
}

TEST_CASE("replicated bytes that do not continue the log, or cross a file, are refused") {
    test::TempDir dir;
    auto slave = slave_store(dir / "slave");
    const std::string zeros(1024, '\0');
    const std::span<const char> some(zeros.data(), zeros.size());

    // An empty log starts only at a file boundary.
    auto mid_file = slave->append_replicated(100, some);
    REQUIRE_FALSE(mid_file.ok());
    CHECK(mid_file.error().code == errc::not_at_end);

    REQUIRE(slave->append_replicated(0, some).ok());
    auto gap = slave->append_replicated(4096, some);
    REQUIRE_FALSE(gap.ok());
    CHECK(gap.error().code == errc::not_at_end);
    CHECK_THAT(gap.error().message, Catch::Contains("ends at 1024"));

    const std::string too_much(static_cast<size_t>(slave->commit_log().file_size()), '\0');
    auto crossing = slave->append_replicated(1024, {too_much.data(), too_much.size()});
    REQUIRE_FALSE(crossing.ok());
    CHECK(crossing.error().code == errc::crosses_file);
    CHECK(slave->commit_log().max_offset() == 1024);  // nothing of a refused chunk was written
}

TEST_CASE(
    "a master whose failover term is over refuses puts, and a put it finishes late is "
    "not acknowledged") {
    test::TempDir dir;
    auto store = test::open_started(test::small_store_config(dir / "master"));
    using Clock = std::chrono::steady_clock;
    store->set_term_deadline(Clock::now() + std::chrono::hours(1));
    CHECK(store->put_sync(test::make_message("Term", 0, "in term")).status
          == PutMessageStatus::put_ok);
    store->set_term_deadline(Clock::now() - std::chrono::milliseconds(1));
    CHECK(store->term_over());
    auto refused = store->put_sync(test::make_message("Term", 0, "after the term"));
    CHECK(refused.status == PutMessageStatus::service_not_available);
    CHECK(refused.remark.find("term as master is over") != std::string::npos);
    // Renewed: it takes puts again.
    store->set_term_deadline(Clock::now() + std::chrono::hours(1));
    CHECK(store->put_sync(test::make_message("Term", 0, "renewed")).status
          == PutMessageStatus::put_ok);
}

TEST_CASE(
    "a store truncated before it starts keeps the log up to the cut, and its queues "
    "continue from there") {
    test::TempDir dir;
    int64_t cut = 0;
    {
        auto master = master_with_messages(dir / "m", 300);
        // The start of queue 1's 40th message: what a new master's log ended at.
        auto at = master->get_message("G", "Replicated", 1, 40, 1);
        REQUIRE(at.status == GetMessageStatus::found);
        // A record's commit-log offset is its 8 bytes at 28 (after size, magic, body CRC,
        // queue id, flag and queue offset).
        cut = load_be<int64_t>(at.messages[0].bytes.data() + 28);
        REQUIRE(cut > master->commit_log().files().files().front()->file_from_offset());
        master->shutdown();
    }
    auto opened = MessageStore::open(test::small_store_config(dir / "m"));
    REQUIRE(opened);
    auto store = std::move(*opened);
    REQUIRE(store->truncate_before_start(cut).ok());
    REQUIRE(store->start().ok());
    CHECK(store->commit_log().max_offset() == cut);
    test::wait_dispatched(*store);
    CHECK(store->max_offset_in_queue("Replicated", 1) == 40);
    auto next = store->put_sync(test::make_message("Replicated", 1, "after the cut"));
    REQUIRE(next.status == PutMessageStatus::put_ok);
    CHECK(next.wrote_offset == cut);
    CHECK(next.queue_offset == 40);
    // Once started it refuses: the dispatcher has read the log.
    CHECK_FALSE(store->truncate_before_start(0).ok());
}
