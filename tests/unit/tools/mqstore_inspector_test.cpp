// The read-only inspector on the golden stores: geometry, bounds, info summary, and that it
// never changes a store, not even one a broker holds.
#include <simdjson.h>

#include <map>

#include "catch.hpp"
#include "inspector/store_inspector.hpp"
#include "inspector/store_summary.hpp"
#include "mqstore_test_support.hpp"
#include "store/checkpoint.hpp"

using namespace rmq;
using namespace rmq::mqstore;
namespace fs = std::filesystem;

namespace {

StoreInspector open_ok(const fs::path& root, const GeometryOptions& options = {}) {
    auto inspector = StoreInspector::open(root, options);
    REQUIRE(inspector.ok());
    return std::move(*inspector);
}

StoreSummary summary_of(const fs::path& root) {
    auto inspector = open_ok(root);
    auto summary = summarize_store(inspector);
    REQUIRE(summary.ok());
    return std::move(*summary);
}

const QueueSummary& find_queue(const StoreSummary& s, const std::string& topic, int32_t id) {
    for (const auto& q : s.queues) {
        if (q.topic == topic && q.queue_id == id) return q;
    }
    FAIL("no queue " << topic << "/" << id);
    throw std::logic_error("unreachable");
}

/// Every file's bytes and modification time, to show that nothing was touched.
std::map<std::string, std::pair<std::string, fs::file_time_type>> snapshot(const fs::path& root) {
    std::map<std::string, std::pair<std::string, fs::file_time_type>> files;
    for (const auto& e : fs::recursive_directory_iterator(root)) {
        if (e.is_regular_file())
            files[e.path().string()] = {test::read_file(e.path()), e.last_write_time()};
    }
    return files;
}

}  // namespace

TEST_CASE("geometry of the clean store is inferred from its files") {
    auto inspector = open_ok(test::clean_store());
    CHECK(inspector.commit_log().file_size() == 1048576);
    CHECK(inspector.cq_file_size() == 6000);
    REQUIRE(inspector.index_geometry().ok());
    REQUIRE(inspector.index_geometry()->geometry.has_value());
    CHECK(*inspector.index_geometry()->geometry == IndexGeometry{64, 256});
}

TEST_CASE("info reports the clean store's offsets, queues and checkpoint") {
    const StoreSummary s = summary_of(test::clean_store());
    CHECK(s.commit_log.file_count == 3);
    CHECK(s.commit_log.min_offset == 0);
    CHECK(s.commit_log.max_offset == 2547665);
    CHECK(s.clean_shutdown);
    REQUIRE(s.checkpoint.has_value());
    CHECK(s.checkpoint->physic_msg_timestamp == 1795357054411);
    CHECK(s.checkpoint->logics_msg_timestamp == 1795357054411);
    CHECK(s.checkpoint->index_msg_timestamp == 1795357043202);
    CHECK(s.index.file_count == 12);
    CHECK(s.index.entries == 11 * 255 + 157);
    CHECK(s.index.begin_timestamp == 1795357040783);
    CHECK(s.index.end_timestamp == 1795357054411);

    simdjson::dom::parser parser;
    simdjson::dom::element offsets;
    REQUIRE(parser.load((test::golden_dir() / "store-clean" / "offsets.json").string()).get(offsets)
            == simdjson::SUCCESS);
    int64_t max_offset = 0;
    REQUIRE(offsets["commitLogMaxOffset"].get(max_offset) == simdjson::SUCCESS);
    CHECK(s.commit_log.max_offset == max_offset);
    simdjson::dom::array queues;
    REQUIRE(offsets["queues"].get(queues) == simdjson::SUCCESS);
    CHECK(s.queues.size() == queues.size());
    for (simdjson::dom::element q : queues) {
        std::string_view topic;
        int64_t id = 0, min = 0, max = 0;
        REQUIRE(q["topic"].get(topic) == simdjson::SUCCESS);
        REQUIRE(q["queueId"].get(id) == simdjson::SUCCESS);
        REQUIRE(q["minOffset"].get(min) == simdjson::SUCCESS);
        REQUIRE(q["maxOffset"].get(max) == simdjson::SUCCESS);
        const auto& mine = find_queue(s, std::string(topic), static_cast<int32_t>(id));
        INFO(topic << "/" << id);
        CHECK(mine.min_offset == min);
        CHECK(mine.max_offset == max);
    }
    CHECK(find_queue(s, "StoreBulkTopic", 2).file_count == 2);
    CHECK(find_queue(s, "StoreTopicA", 0).file_count == 1);
}

TEST_CASE("info on the crashed store: abort file, zero tail file not counted, undispatched tail") {
    const StoreSummary s = summary_of(test::crashed_store());
    CHECK_FALSE(s.clean_shutdown);
    CHECK(s.commit_log.file_count == 4);
    CHECK(s.commit_log.max_offset == 3102084);  // what Java's recovery found (recovery.json)
    // On disk, before recovery re-dispatches the last two records.
    CHECK(find_queue(s, "CrashTopic", 0).max_offset == 639);
    CHECK(find_queue(s, "CrashTopic", 1).max_offset == 640);
    CHECK(find_queue(s, "CrashTopic", 2).max_offset == 640);
    CHECK(find_queue(s, "CrashTopic", 3).max_offset == 640);
    CHECK(s.lock == LockState::free);
}

TEST_CASE("index geometry from the hash chains when there is a single index file") {
    test::MqstoreScratch scratch;
    const auto root = test::copy_store(test::clean_store(), scratch.path / "store");
    const auto index = root / "index";
    SECTION("a partly filled file") {
        for (const auto& e : fs::directory_iterator(index)) {
            if (e.path().filename() != "20261122141723335") fs::remove(e.path());
        }
    }
    SECTION("a full file") {
        for (const auto& e : fs::directory_iterator(index)) {
            if (e.path().filename() != "20261122141721207") fs::remove(e.path());
        }
    }
    auto inspector = open_ok(root);
    REQUIRE(inspector.index_geometry().ok());
    REQUIRE(inspector.index_geometry()->geometry.has_value());
    CHECK(*inspector.index_geometry()->geometry == IndexGeometry{64, 256});
}

TEST_CASE("index geometry options override or complete the inference") {
    GeometryOptions options;
    options.index_slots = 64;
    auto inspector = open_ok(test::clean_store(), options);
    REQUIRE(inspector.index_geometry().ok());
    CHECK(*inspector.index_geometry()->geometry == IndexGeometry{64, 256});

    options = {};
    options.index_slots = 3;  // 5416 - 40 - 12 is no multiple of 20
    auto wrong = open_ok(test::clean_store(), options);
    CHECK_FALSE(wrong.index_geometry().ok());
}

TEST_CASE("an index file holding no entries leaves the geometry unknown but harmless") {
    test::MqstoreScratch scratch;
    const auto root = test::copy_store(test::clean_store(), scratch.path / "store");
    for (const auto& e : fs::directory_iterator(root / "index"))
        fs::remove(e.path());
    std::ofstream(root / "index" / "20261122141723335", std::ios::binary)
        << std::string(5416, '\0');
    auto inspector = open_ok(root);
    REQUIRE(inspector.index_geometry().ok());
    CHECK_FALSE(inspector.index_geometry()->geometry.has_value());
}

TEST_CASE("a directory that is missing or not a store is refused with a message") {
    auto missing = StoreInspector::open("/nonexistent/store");
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().code == mqstore::errc::not_found);
    CHECK(missing.error().message == "no such directory: /nonexistent/store");

    test::MqstoreScratch scratch;
    auto foreign = StoreInspector::open(scratch.path);
    REQUIRE_FALSE(foreign.ok());
    CHECK(foreign.error().code == mqstore::errc::not_a_store);
    CHECK(foreign.error().message
          == "not a RocketMQ store: " + scratch.path.string() + " has no commitlog/ directory");
}

TEST_CASE("reading never changes a store, even while a broker holds its lock") {
    test::MqstoreScratch scratch;
    const auto root = test::copy_store(test::crashed_store(), scratch.path / "store");
    auto lock = store::StoreLock::acquire(root / "lock");  // as a running broker does
    REQUIRE(lock.ok());
    const auto before = snapshot(root);

    const StoreSummary s = summary_of(root);
    CHECK(s.lock == LockState::held);
    auto info = test::run_in_process({"info", root.string(), "--json"});
    CHECK(info.exit_code == 0);
    auto print = test::run_in_process({"print", root.string(), "--topic", "CrashTopic", "--queue",
                                       "2", "--count", "1000", "--json"});
    CHECK(print.exit_code == 0);
    auto verify = test::run_in_process({"verify", root.string()});
    CHECK(verify.exit_code == 0);

    CHECK(snapshot(root) == before);
}
