// Damaged stores: torn tails, corrupted records, lost consume-queue files, a full disk.
#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>

#include "catch.hpp"
#include "common/big_endian.hpp"
#include "message/record.hpp"
#include "store_test_support.hpp"

using namespace rmq;
using namespace rmq::store;
namespace fs = std::filesystem;

namespace {

/// Writes `count` messages to queues 0..3 of topic "D" and stops the store cleanly.
std::vector<PutMessageResult> fill(const StoreConfig& config, int count, size_t body = 700) {
    auto store = test::open_started(config);
    std::vector<PutMessageResult> results;
    for (int i = 0; i < count; ++i) {
        auto r = store->put_sync(test::make_message("D", i % 4, std::string(body, 'a' + i % 26)));
        REQUIRE(r.ok());
        results.push_back(r);
    }
    store->shutdown();
    return results;
}

void write_at(const fs::path& file, int64_t pos, const std::string& bytes) {
    const int fd = ::open(file.c_str(), O_WRONLY);
    REQUIRE(fd >= 0);
    REQUIRE(::pwrite(fd, bytes.data(), bytes.size(), pos) == static_cast<ssize_t>(bytes.size()));
    ::close(fd);
}

void mark_crashed(const StoreConfig& config) {
    std::ofstream(config.abort_path()).flush();
}

int64_t total_messages(const MessageStore& store) {
    int64_t n = 0;
    for (int q = 0; q < 4; ++q)
        n += store.max_offset_in_queue("D", q);
    return n;
}

}  // namespace

TEST_CASE("a torn record at the end of the log is cut off after a crash") {
    test::TempDir dir;
    auto config = test::small_store_config(dir.path());
    auto results = fill(config, 100);
    const auto& last = results.back();
    const int64_t end = last.wrote_offset + last.wrote_bytes;
    // Half of a new record: a size that claims more than is there, then garbage.
    const fs::path file =
        config.commit_log_path() / offset_to_file_name(end - end % config.commit_log_file_size);
    std::string torn(4, '\0');
    store_be<int32_t>(torn.data(), 700);
    torn += std::string("\xDA\xA3\x20\xA7", 4) + std::string(200, 'z');
    write_at(file, end % config.commit_log_file_size, torn);
    mark_crashed(config);

    auto store = test::open_started(config);
    CHECK_FALSE(store->recovery().last_exit_ok);
    CHECK(store->max_phy_offset() == end);
    CHECK(total_messages(*store) == 100);
    auto r = store->put_sync(test::make_message("D", 0, "next"));
    CHECK(r.wrote_offset == end);
    CHECK(r.queue_offset == 25);
}

TEST_CASE("a corrupted CRC in the middle of a file ends the log and the queues there") {
    test::TempDir dir;
    auto config = test::small_store_config(dir.path());
    auto results = fill(config, 200);
    // A record in the middle of the second file.
    const PutMessageResult* victim = nullptr;
    for (const auto& r : results)
        if (r.wrote_offset > config.commit_log_file_size + 20000) {
            victim = &r;
            break;
        }
    REQUIRE(victim);
    const int64_t in_file = victim->wrote_offset % config.commit_log_file_size;
    write_at(config.commit_log_path() / offset_to_file_name(victim->wrote_offset - in_file),
             in_file + victim->wrote_bytes - 50, "CORRUPT");
    mark_crashed(config);

    auto store = test::open_started(config);
    CHECK(store->max_phy_offset() == victim->wrote_offset);
    const auto index = static_cast<int64_t>(victim - results.data());
    CHECK(total_messages(*store) == index);
    // Nothing served points at or past the cut.
    for (int q = 0; q < 4; ++q) {
        auto got = store->get_message("G", "D", q, 0, 1000);
        for (const auto& m : got.messages)
            CHECK(m.start_offset < victim->wrote_offset);
    }
}

TEST_CASE("a deleted consume-queue file is rebuilt from the commit log") {
    test::TempDir dir;
    auto config = test::small_store_config(dir.path());
    fill(config, 1000, 100);  // 250 units per queue: files of 100, 100 and 50 units
    const fs::path queue_dir = config.consume_queue_path() / "D" / "2";
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(queue_dir))
        files.push_back(e.path());
    std::sort(files.begin(), files.end());
    REQUIRE(files.size() == 3);
    SECTION("the last file") {
        fs::remove(files.back());
    }
    SECTION("a file in the middle") {
        fs::remove(files[1]);
    }
    SECTION("the whole queue") {
        fs::remove_all(queue_dir);
    }
    SECTION("a zeroed tail") {
        write_at(files.back(), 0, std::string(200, '\0'));
    }
    auto store = test::open_started(config);
    CHECK(store->max_offset_in_queue("D", 2) == 250);
    auto got = store->get_message("G", "D", 2, 0, 1000);
    int64_t expected = 0;
    while (expected < 250) {
        got = store->get_message("G", "D", 2, expected, 32);
        REQUIRE(got.status == GetMessageStatus::found);
        for (size_t i = 0; i < got.messages.size(); ++i) {
            auto r = message::decode_record(got.messages[i].bytes);
            REQUIRE(r.is_message());
            CHECK(r.record().queue_id == 2);
            CHECK(r.record().queue_offset == expected + static_cast<int64_t>(i));
        }
        expected = got.next_begin_offset;
    }
    auto r = store->put_sync(test::make_message("D", 2, "next"));
    CHECK(r.queue_offset == 250);
}

TEST_CASE("a full disk refuses puts but keeps reads and resumes by itself once space is freed") {
    test::TempDir dir;
    auto config = test::small_store_config(dir.path());
    auto usage = std::make_shared<std::atomic<double>>(0.5);
    config.disk_usage_probe = [usage](const fs::path&) { return usage->load(); };
    config.file_reserved_time_hours = 72;
    auto store = test::open_started(config);
    for (int i = 0; i < 200; ++i)
        REQUIRE(store->put_sync(test::make_message("D", 0, std::string(700, 'x'))).ok());
    test::wait_dispatched(*store);
    const auto files_before = store->commit_log().files().file_count();

    usage->store(0.95);
    store->clean_now(false);
    CHECK(store->disk_full());
    auto refused = store->put_sync(test::make_message("D", 0, "no room"));
    CHECK(refused.status == PutMessageStatus::service_not_available);
    // Forced clean-up deleted old files although they are not 72 hours old.
    CHECK(store->commit_log().files().file_count() < files_before);
    CHECK(store->min_phy_offset() > 0);
    CHECK(store->min_offset_in_queue("D", 0) > 0);
    auto still = store->get_message("G", "D", 0, store->min_offset_in_queue("D", 0), 4);
    CHECK(still.status == GetMessageStatus::found);

    usage->store(0.5);
    store->clean_now(false);
    CHECK_FALSE(store->disk_full());
    CHECK(store->put_sync(test::make_message("D", 0, "room again")).ok());
}

TEST_CASE("another process cannot open a store that is in use") {
    test::TempDir dir;
    auto config = test::small_store_config(dir.path());
    auto store = test::open_started(config);
    auto second = MessageStore::open(config);
    REQUIRE_FALSE(second);
    CHECK_THAT(second.error().message, test::contains("lock"));
}

TEST_CASE(
    "a queue rebuilt after old files expired starts with holes and serves from its first message") {
    test::TempDir dir;
    auto config = test::small_store_config(dir.path());
    config.file_reserved_time_hours = 0;
    int64_t min_before = 0;
    {
        auto store = test::open_started(config);
        for (int i = 0; i < 300; ++i)
            REQUIRE(store->put_sync(test::make_message("H", 0, std::string(700, 'h'))).ok());
        test::wait_dispatched(*store);
        store->clean_now(true);
        min_before = store->min_offset_in_queue("H", 0);
        REQUIRE(min_before > 0);
    }
    fs::remove_all(config.consume_queue_path() / "H");
    auto store = test::open_started(config);
    CHECK(store->max_offset_in_queue("H", 0) == 300);
    CHECK(store->min_offset_in_queue("H", 0) == min_before);
    auto got = store->get_message("G", "H", 0, 0, 4);
    CHECK(got.status == GetMessageStatus::offset_too_small);
    got = store->get_message("G", "H", 0, min_before, 4);
    REQUIRE(got.status == GetMessageStatus::found);
    auto r = message::decode_record(got.messages[0].bytes);
    REQUIRE(r.is_message());
    CHECK(r.record().queue_offset == min_before);
    // And it survives another restart (holes are not taken for a physical end).
    store.reset();
    store = test::open_started(config);
    CHECK(store->min_offset_in_queue("H", 0) == min_before);
    CHECK(store->put_sync(test::make_message("H", 0, "next")).queue_offset == 300);
}

TEST_CASE("a record torn at a file boundary ends the log in the right file") {
    test::TempDir dir;
    auto config = test::small_store_config(dir.path());
    auto results = fill(config, 150);  // about 1.6 files of 64 KiB
    const int64_t file_size = config.commit_log_file_size;
    const int64_t end = results.back().wrote_offset + results.back().wrote_bytes;
    REQUIRE(end > file_size);
    const fs::path second = config.commit_log_path() / offset_to_file_name(file_size);

    SECTION("the first record of the next file is torn") {
        // Everything in the second file goes: its first record loses its tail.
        const int64_t first_size = results[0].wrote_bytes;  // any size will do
        std::string header(8, '\0');
        store_be<int32_t>(header.data(), static_cast<int32_t>(first_size));
        store_be<int32_t>(header.data() + 4, message::kMagicV1);
        write_at(second, 0, header + std::string(100, '\0'));
        write_at(second, 108, std::string(static_cast<size_t>(end - file_size), '\0'));
        mark_crashed(config);
        auto store = test::open_started(config);
        CHECK(store->max_phy_offset() == file_size);  // the first file's blank marker is valid
        int64_t in_first = 0;
        for (const auto& r : results)
            if (r.wrote_offset < file_size) ++in_first;
        CHECK(total_messages(*store) == in_first);
        auto r = store->put_sync(test::make_message("D", 1, "next"));
        CHECK(r.wrote_offset == file_size);
    }
    SECTION("a pre-allocated all-zero file after a torn last record is deleted") {
        const fs::path third = config.commit_log_path() / offset_to_file_name(2 * file_size);
        {
            std::ofstream(third, std::ios::binary)
                .write(std::string(static_cast<size_t>(file_size), '\0').data(), file_size);
        }
        const auto& last = results.back();
        write_at(second, last.wrote_offset - file_size + last.wrote_bytes / 2,
                 std::string(static_cast<size_t>(last.wrote_bytes / 2), '\0'));
        mark_crashed(config);
        auto store = test::open_started(config);
        CHECK(store->max_phy_offset() == last.wrote_offset);
        CHECK_FALSE(fs::exists(third));
        CHECK(total_messages(*store) == 149);
    }
}

TEST_CASE("a real allocation failure answers CREATE_MAPEDFILE_FAILED and keeps serving") {
    // RLIMIT_FSIZE makes posix_fallocate of the next commit-log file fail with EFBIG, a real
    // error from the kernel; it runs in a child so the limit does not leak into other tests.
    test::TempDir dir;
    auto config = test::small_store_config(dir.path());
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        ::signal(SIGXFSZ, SIG_IGN);
        auto store = MessageStore::open(config);
        if (!store || !(*store)->start()) _exit(10);
        // The first file exists; no new file of that size can be allocated any more.
        const auto below = static_cast<rlim_t>(config.commit_log_file_size - 1);
        struct rlimit limit {
            below, below
        };
        if (!(*store)->put_sync(test::make_message("F", 0, "first")).ok()) _exit(11);
        if (::setrlimit(RLIMIT_FSIZE, &limit) != 0) _exit(12);
        PutMessageResult r;
        for (int i = 0; i < 200 && r.status != PutMessageStatus::create_mapped_file_failed; ++i)
            r = (*store)->put_sync(test::make_message("F", 0, std::string(700, 'f')));
        if (r.status != PutMessageStatus::create_mapped_file_failed) _exit(13);
        if (r.remark.find("cannot allocate") == std::string::npos) _exit(14);
        test::wait_dispatched(**store);
        auto got = (*store)->get_message("G", "F", 0, 0, 1);
        if (got.status != GetMessageStatus::found) _exit(15);
        (*store)->shutdown();
        _exit(0);
    }
    int status = 0;
    ::waitpid(child, &status, 0);
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
}
