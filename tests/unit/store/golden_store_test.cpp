// The store opens directories written by Apache RocketMQ 4.9.8 and serves every message in them.
#include <simdjson.h>

#include <fstream>

#include "catch.hpp"
#include "golden.hpp"
#include "message/record.hpp"
#include "store_test_support.hpp"

using namespace rmq;
using namespace rmq::store;
namespace fs = std::filesystem;

namespace {

/// The settings of the captured broker (settings.json: keySettingsForTests).
StoreConfig golden_config(const fs::path& root) {
    StoreConfig c;
    c.root_dir = root;
    c.commit_log_file_size = 1048576;
    c.consume_queue_file_size = 6000;
    c.max_hash_slot_num = 64;
    c.max_index_num = 256;
    return c;
}

fs::path copy_store(const fs::path& from, const fs::path& to) {
    fs::copy(from, to, fs::copy_options::recursive);
    for (const auto& e : fs::recursive_directory_iterator(to))
        fs::permissions(e.path(), fs::perms::owner_write, fs::perm_options::add);
    return to;
}

std::vector<std::string> read_lines(const fs::path& path) {
    std::ifstream in(path);
    std::vector<std::string> lines;
    std::string line;
    while (std::getline(in, line))
        if (!line.empty()) lines.push_back(line);
    return lines;
}

struct Expected {
    std::string topic;
    int64_t queue_id, queue_offset, body_crc;
    std::string msg_id;
    int64_t commit_log_offset = -1;
};

std::vector<Expected> load_manifest(const fs::path& path) {
    simdjson::dom::parser parser;
    std::vector<Expected> out;
    for (const auto& line : read_lines(path)) {
        simdjson::dom::element e;
        REQUIRE(parser.parse(line).get(e) == simdjson::SUCCESS);
        Expected x;
        std::string_view s;
        REQUIRE(e["topic"].get(s) == simdjson::SUCCESS);
        x.topic = s;
        REQUIRE(e["queueId"].get(x.queue_id) == simdjson::SUCCESS);
        REQUIRE(e["queueOffset"].get(x.queue_offset) == simdjson::SUCCESS);
        REQUIRE(e["bodyCRC"].get(x.body_crc) == simdjson::SUCCESS);
        REQUIRE(e["offsetMsgId"].get(s) == simdjson::SUCCESS);
        x.msg_id = s;
        int64_t clo;
        if (e["commitLogOffset"].get(clo) == simdjson::SUCCESS) x.commit_log_offset = clo;
        out.push_back(std::move(x));
    }
    return out;
}

/// Reads one message by queue position and checks it is the expected one.
void check_served(const MessageStore& store, const Expected& x) {
    INFO(x.topic << " " << x.queue_id << "@" << x.queue_offset);
    auto got = store.get_message("G", x.topic, static_cast<int32_t>(x.queue_id), x.queue_offset, 1);
    REQUIRE(got.status == GetMessageStatus::found);
    REQUIRE(got.messages.size() == 1);
    auto record = message::decode_record(got.messages[0].bytes, {.verify_body_crc = true});
    REQUIRE(record.is_message());
    const auto& m = record.record();
    CHECK(m.offset_msg_id() == x.msg_id);
    CHECK(m.body_crc == x.body_crc);
    CHECK(m.queue_offset == x.queue_offset);
    if (x.commit_log_offset >= 0) CHECK(m.commit_log_offset == x.commit_log_offset);
}

}  // namespace

TEST_CASE("a cleanly stopped 4.9.8 store opens without re-dispatch and serves every message") {
    test::TempDir dir;
    const auto root = copy_store(test::golden_dir() / "store-clean/store", dir.path() / "store");
    auto store = test::open_started(golden_config(root));
    CHECK(store->recovery().last_exit_ok);
    CHECK(store->recovery().commit_log_end == 2547665);
    CHECK(store->min_phy_offset() == 0);
    CHECK(store->max_phy_offset() == 2547665);
    CHECK(store->dispatch_behind_bytes() == 0);

    const auto manifest = load_manifest(test::golden_dir() / "store-clean/manifest.jsonl");
    REQUIRE(manifest.size() == 1462);
    for (const auto& x : manifest)
        check_served(*store, x);

    // Queue bounds as the Java broker reported them (offsets.json).
    simdjson::dom::parser parser;
    simdjson::dom::element offsets;
    REQUIRE(parser.load((test::golden_dir() / "store-clean/offsets.json").string()).get(offsets)
            == simdjson::SUCCESS);
    for (simdjson::dom::element q : simdjson::dom::array(offsets["queues"])) {
        std::string_view topic;
        int64_t queue_id, min, max;
        REQUIRE(q["topic"].get(topic) == simdjson::SUCCESS);
        REQUIRE(q["queueId"].get(queue_id) == simdjson::SUCCESS);
        REQUIRE(q["minOffset"].get(min) == simdjson::SUCCESS);
        REQUIRE(q["maxOffset"].get(max) == simdjson::SUCCESS);
        INFO(topic << " " << queue_id);
        CHECK(store->min_offset_in_queue(topic, static_cast<int32_t>(queue_id)) == min);
        CHECK(store->max_offset_in_queue(topic, static_cast<int32_t>(queue_id)) == max);
    }

    // New messages follow on: the next queue offset and the next commit-log position.
    const int64_t next_queue_offset = store->max_offset_in_queue("StoreTopicA", 0);
    auto r = store->put_sync(test::make_message("StoreTopicA", 0, "after 4.9.8"));
    REQUIRE(r.ok());
    CHECK(r.wrote_offset == 2547665);
    CHECK(r.queue_offset == next_queue_offset);
    auto keyed = store->query_message("StoreTopicA", "orderA-7", 32, 0, INT64_MAX);
    CHECK_FALSE(keyed.messages.empty());
}

TEST_CASE("a crashed 4.9.8 SYNC_FLUSH store recovers like the Java broker did") {
    test::TempDir dir;
    const auto root = copy_store(test::golden_dir() / "store-crashed/store", dir.path() / "store");
    auto config = golden_config(root);
    config.flush_disk_type = FlushDiskType::sync_flush;
    auto store = test::open_started(config);
    const auto& rec = store->recovery();
    CHECK_FALSE(rec.last_exit_ok);
    CHECK(rec.scan_start == 0);  // no file was older than the checkpoint
    CHECK(rec.commit_log_end == 3102084);
    CHECK(store->max_phy_offset() == 3102084);
    // The pre-allocated all-zero file and the index file newer than the checkpoint are gone.
    CHECK_FALSE(fs::exists(root / "commitlog/00000000000003145728"));
    CHECK_FALSE(fs::exists(root / "index/20261122141938394"));
    CHECK(fs::exists(root / "index/20261122141938346"));
    const int64_t expected_max[] = {639, 640, 641, 641};
    for (int q = 0; q < 4; ++q) {
        CHECK(store->min_offset_in_queue("CrashTopic", q) == 0);
        CHECK(store->max_offset_in_queue("CrashTopic", q) == expected_max[q]);
    }
    // Every acknowledged message, at its acknowledged place.
    const auto acked = load_manifest(test::golden_dir() / "store-crashed/manifest-acked.jsonl");
    REQUIRE(acked.size() == 2559);
    for (const auto& x : acked)
        check_served(*store, x);
    // And what Java recovered (the two stored-but-unacknowledged records included).
    const auto recovered = load_manifest(test::golden_dir() / "store-crashed/recovered.jsonl");
    REQUIRE(recovered.size() == 2561);
    for (const auto& x : recovered)
        check_served(*store, x);
    // The re-dispatch indexed the keys of the deleted index file again.
    auto keyed = store->query_message("CrashTopic", "crash-3-0", 32, 0, INT64_MAX);
    CHECK(keyed.messages.size() == 1);
}
