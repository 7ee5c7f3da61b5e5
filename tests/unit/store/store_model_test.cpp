// Random puts, reads and restarts against an in-memory model of what the store must hold.
#include <map>
#include <random>

#include "catch.hpp"
#include "message/record.hpp"
#include "store_test_support.hpp"

using namespace rmq;
using namespace rmq::store;

namespace {

struct ModelMessage {
    std::string body;
    std::string tags;
    int64_t commit_log_offset;
};

using QueueKey = std::pair<std::string, int32_t>;

void check_queue_matches(const MessageStore& store, const QueueKey& key,
                         const std::vector<ModelMessage>& expected, std::mt19937& rng) {
    INFO(key.first << "/" << key.second);
    REQUIRE(store.max_offset_in_queue(key.first, key.second)
            == static_cast<int64_t>(expected.size()));
    // Read from a random start with a random batch size up to the end.
    int64_t offset = expected.empty() ? 0
                                      : std::uniform_int_distribution<int64_t>(
                                          0, static_cast<int64_t>(expected.size()) - 1)(rng);
    const int32_t batch = std::uniform_int_distribution<int32_t>(1, 40)(rng);
    while (offset < static_cast<int64_t>(expected.size())) {
        auto got = store.get_message("G", key.first, key.second, offset, batch);
        REQUIRE(got.status == GetMessageStatus::found);
        REQUIRE(got.messages.size() <= static_cast<size_t>(batch));
        for (size_t i = 0; i < got.messages.size(); ++i) {
            const auto& want = expected[static_cast<size_t>(got.queue_offsets[i])];
            auto record = message::decode_record(got.messages[i].bytes, {.verify_body_crc = true});
            REQUIRE(record.is_message());
            CHECK(record.record().body == want.body);
            CHECK(record.record().tags() == want.tags);
            CHECK(record.record().commit_log_offset == want.commit_log_offset);
            CHECK(record.record().queue_offset == got.queue_offsets[i]);
        }
        REQUIRE(got.next_begin_offset > offset);
        offset = got.next_begin_offset;
    }
}

}  // namespace

TEST_CASE("model: random puts and reads and restarts agree with an in-memory model") {
    const auto seed = std::random_device{}();
    INFO("seed " << seed);
    std::mt19937 rng(seed);
    test::TempDir dir;
    auto config = test::small_store_config(dir.path());
    config.consume_queue_file_size = 10 * 20;  // queues cross files often too
    std::map<QueueKey, std::vector<ModelMessage>> model;
    const std::vector<std::string> topics = {"Alpha", "Beta", "%RETRY%G"};

    auto store = test::open_started(config);
    for (int step = 0; step < 1500; ++step) {
        const int op = std::uniform_int_distribution<int>(0, 99)(rng);
        if (op < 80) {
            QueueKey key{topics[rng() % topics.size()], static_cast<int32_t>(rng() % 4)};
            const size_t size =
                std::uniform_int_distribution<size_t>(0, rng() % 10 == 0 ? 12000 : 300)(rng);
            std::string body(size, static_cast<char>('A' + rng() % 26));
            const std::string tags = rng() % 3 ? "T" + std::to_string(rng() % 3) : "";
            auto r = store->put_sync(test::make_message(key.first, key.second, body, tags));
            REQUIRE(r.ok());
            auto& queue = model[key];
            REQUIRE(r.queue_offset == static_cast<int64_t>(queue.size()));
            queue.push_back({body, tags, r.wrote_offset});
        } else if (op < 97) {
            test::wait_dispatched(*store);
            if (model.empty()) continue;
            auto it = model.begin();
            std::advance(it, static_cast<long>(rng() % model.size()));
            check_queue_matches(*store, it->first, it->second, rng);
        } else {
            store->shutdown();
            store.reset();
            store = test::open_started(config);
            REQUIRE(store->recovery().last_exit_ok);
        }
    }
    test::wait_dispatched(*store);
    for (const auto& [key, queue] : model)
        check_queue_matches(*store, key, queue, rng);
}
