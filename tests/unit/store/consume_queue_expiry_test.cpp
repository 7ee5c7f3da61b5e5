// CLEAN_EXPIRED_CONSUMEQUEUE's store side: queues whose every entry points before the commit
// log's first file are deleted, empty topics dropped, new and kept queues left alone.
#include "catch.hpp"
#include "store/consume_queue_table.hpp"
#include "temp_dir.hpp"

using namespace rmq;

TEST_CASE("expired consume queues are deleted and their emptied topics dropped") {
    test::TempDir dir;
    store::ConsumeQueueTable table(dir.path() / "consumequeue", 20 * 100);
    const auto unit_at = [&](const char* topic, int32_t queue, int64_t offset) {
        auto q = table.find_or_create(topic, queue);
        REQUIRE(q);
        REQUIRE((*q)->put(store::CqUnit{offset, 100, 0}, 0));
    };
    unit_at("T", 0, 0);    // ends at 100
    unit_at("T", 1, 100);  // ends at 200
    unit_at("SCHEDULE_TOPIC_XXXX", 0, 0);
    REQUIRE(table.find_or_create("Fresh", 0));  // no entry yet

    CHECK(table.erase_expired(150, "SCHEDULE_TOPIC_XXXX") == 1);
    CHECK(!table.find("T", 0));
    CHECK(table.find("T", 1));
    CHECK(!std::filesystem::exists(dir.path() / "consumequeue" / "T" / "0"));

    CHECK(table.erase_expired(300, "SCHEDULE_TOPIC_XXXX") == 1);
    CHECK(table.queues_of("T").empty());
    CHECK(!std::filesystem::exists(dir.path() / "consumequeue" / "T"));
    CHECK(table.find("SCHEDULE_TOPIC_XXXX", 0));
    CHECK(table.find("Fresh", 0));
}
