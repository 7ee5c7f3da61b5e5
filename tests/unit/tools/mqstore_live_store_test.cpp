// mqstore against stores our own MessageStore writes: while it runs (lock held, abort present,
// pre-allocated file) and after it recovered a crashed store and shut down.
#include <unistd.h>

#include "catch.hpp"
#include "inspector/store_summary.hpp"
#include "inspector/store_verifier.hpp"
#include "mqstore_test_support.hpp"
#include "store/message_store.hpp"

using namespace rmq;
using namespace rmq::mqstore;
namespace fs = std::filesystem;

namespace {

/// The settings of the captured broker (tests/golden/store-*/settings.json).
store::StoreConfig golden_config(const fs::path& root) {
    store::StoreConfig c;
    c.root_dir = root;
    c.commit_log_file_size = 1048576;
    c.consume_queue_file_size = 6000;
    c.max_hash_slot_num = 64;
    c.max_index_num = 256;
    return c;
}

std::unique_ptr<store::MessageStore> start_store(const fs::path& root) {
    auto store = store::MessageStore::open(golden_config(root));
    REQUIRE(store.ok());
    REQUIRE((*store)->start().ok());
    return std::move(*store);
}

message::MessageExt message_for(int i) {
    message::MessageExt m;
    m.topic = "LiveTopic";
    m.queue_id = i % 2;
    m.body = std::string(700 + i, 'a' + i % 26);
    m.set_tags(i % 2 ? "odd" : "even");
    m.set_keys("live-" + std::to_string(i));
    m.born_timestamp = 1700000000000 + i;
    m.born_host = *message::HostAddress::parse("127.0.0.1:50000");
    m.store_host = *message::HostAddress::parse("127.0.0.1:10911");
    return m;
}

VerifyReport verify(const fs::path& root) {
    auto inspector = StoreInspector::open(root);
    REQUIRE(inspector.ok());
    auto report = verify_store(*inspector, VerifyOptions{default_delay_levels()});
    REQUIRE(report.ok());
    return std::move(*report);
}

std::string describe(const VerifyReport& r) {
    std::string text;
    for (const auto& f : r.findings)
        text += f.file + " " + f.position + ": " + f.what + "\n";
    return text;
}

}  // namespace

TEST_CASE("a store that our broker holds and writes verifies without damage") {
    test::MqstoreScratch scratch;
    const auto root = test::copy_store(test::clean_store(), scratch.path / "store");
    auto store = start_store(root);
    for (int i = 0; i < 2000; ++i)  // crosses into a new commit-log file
        REQUIRE(store->put_sync(message_for(i)).ok());
    for (int i = 0; i < 2000 && store->dispatch_behind_bytes() > 0; ++i)
        ::usleep(1000);

    auto inspector = StoreInspector::open(root);
    REQUIRE(inspector.ok());
    auto summary = summarize_store(*inspector);
    REQUIRE(summary.ok());
    CHECK(summary->lock == LockState::held);
    CHECK_FALSE(summary->clean_shutdown);
    CHECK(summary->commit_log.max_offset == store->max_phy_offset());
    const VerifyReport running = verify(root);
    INFO(describe(running));
    CHECK(running.ok());
    CHECK(running.counts.records == 1462 + 2000);

    store->shutdown();
    store.reset();
    const VerifyReport stopped = verify(root);
    INFO(describe(stopped));
    CHECK(stopped.ok());
    CHECK(stopped.notes == 0);
    CHECK(stopped.counts.records == 1462 + 2000);
    CHECK(stopped.counts.units == 1462 + 2000);
}

TEST_CASE("the crashed store, recovered and stopped by our broker, verifies without findings") {
    test::MqstoreScratch scratch;
    const auto root = test::copy_store(test::crashed_store(), scratch.path / "store");
    start_store(root)->shutdown();
    const VerifyReport r = verify(root);
    INFO(describe(r));
    CHECK(r.ok());
    CHECK(r.notes == 0);
    CHECK(r.counts.commit_log_end == 3102084);
    CHECK(r.counts.records == 2561);
    CHECK(r.counts.units == 2561);
}
