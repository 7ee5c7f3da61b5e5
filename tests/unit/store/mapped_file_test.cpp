#include <unistd.h>

#include <cstring>
#include <fstream>

#include "catch.hpp"
#include "common/big_endian.hpp"
#include "golden.hpp"
#include "store/mapped_file_queue.hpp"

using namespace rmq;
using namespace rmq::store;
namespace fs = std::filesystem;

namespace {

constexpr size_t kMiB = 1024 * 1024;

/// A scratch directory removed at the end of the test.
struct TempDir {
    fs::path path;
    TempDir() {
        path =
            fs::temp_directory_path()
            / ("rmq-store-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter()++));
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~TempDir() { fs::remove_all(path); }
    static int& counter() {
        static int n = 0;
        return n;
    }
};

fs::path copy_golden_commitlog(const TempDir& dir) {
    auto dst = dir.path / "commitlog";
    fs::copy(test::golden_dir() / "store-clean/store/commitlog", dst);
    return dst;
}

}  // namespace

TEST_CASE("file names are 20-digit offsets") {
    CHECK(offset_to_file_name(0) == "00000000000000000000");
    CHECK(offset_to_file_name(1073741824) == "00000000001073741824");
    CHECK(file_name_to_offset("00000000000001048576") == 1048576);
    CHECK_FALSE(file_name_to_offset("1048576").has_value());
    CHECK_FALSE(file_name_to_offset("0000000000000104857x").has_value());
    CHECK_FALSE(file_name_to_offset("99999999999999999999").has_value());
}

TEST_CASE("the commit log written by RocketMQ 4.9.8 loads with its files in order") {
    TempDir tmp;
    MappedFileQueue queue(copy_golden_commitlog(tmp), kMiB);
    REQUIRE(queue.load().ok());
    REQUIRE(queue.file_count() == 3);
    CHECK(queue.min_offset() == 0);
    CHECK(queue.max_offset() == 3 * static_cast<int64_t>(kMiB));  // full until recovery says so
    CHECK(queue.find_by_offset(1047701)->file_from_offset() == 0);
    CHECK(queue.find_by_offset(1048576)->file_from_offset() == 1048576);
    CHECK(queue.find_by_offset(2547665)->file_from_offset() == 2097152);
    CHECK(queue.find_by_offset(3 * kMiB) == nullptr);
    CHECK(queue.find_by_offset(-1) == nullptr);
    // The record at offset 0 is where the file says: TOTALSIZE 270, PHYSICALOFFSET 0.
    const char* first = queue.first_file()->data();
    CHECK(load_be<int32_t>(first) == 270);
    CHECK(load_be<int64_t>(first + 28) == 0);
    // The blank end-of-file marker of the first file.
    CHECK(load_be<int32_t>(first + 1047701) == 875);
    CHECK(static_cast<uint32_t>(load_be<int32_t>(first + 1047705)) == 0xCBD43194u);
}

TEST_CASE("recovery's truncation sets the end and deletes later files") {
    TempDir tmp;
    auto dir = copy_golden_commitlog(tmp);
    MappedFileQueue queue(dir, kMiB);
    REQUIRE(queue.load().ok());
    REQUIRE(queue.truncate_to(1500000).ok());
    CHECK(queue.file_count() == 2);
    CHECK(queue.max_offset() == 1500000);
    CHECK(queue.last_file()->wrote_position() == 1500000 - kMiB);
    CHECK_FALSE(fs::exists(dir / "00000000000002097152"));
    // Appending continues in the same file, then rolls to the next.
    auto f = queue.last_file_for_write();
    REQUIRE(f.ok());
    CHECK((*f)->file_from_offset() == 1048576);
    (*f)->set_wrote_position(kMiB);
    auto next = queue.last_file_for_write();
    REQUIRE(next.ok());
    CHECK((*next)->file_from_offset() == 2097152);
    CHECK((*next)->wrote_position() == 0);
    CHECK(fs::file_size(dir / "00000000000002097152") == kMiB);
}

TEST_CASE("foreign or damaged files stop the load with a message naming them") {
    SECTION("a file of the wrong size") {
        TempDir tmp;
        auto dir = copy_golden_commitlog(tmp);
        fs::resize_file(dir / "00000000000001048576", 1000);
        MappedFileQueue queue(dir, kMiB);
        auto r = queue.load();
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == store::errc::bad_file_size);
        CHECK(r.error().message.find("00000000000001048576") != std::string::npos);
    }
    SECTION("a file that is not named by an offset") {
        TempDir tmp;
        auto dir = copy_golden_commitlog(tmp);
        std::ofstream(dir / "notes.txt") << "hello";
        MappedFileQueue queue(dir, kMiB);
        auto r = queue.load();
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == store::errc::bad_file_name);
        CHECK(r.error().message.find("notes.txt") != std::string::npos);
    }
    SECTION("a missing file in the middle") {
        TempDir tmp;
        auto dir = copy_golden_commitlog(tmp);
        fs::remove(dir / "00000000000001048576");
        MappedFileQueue queue(dir, kMiB);
        auto r = queue.load();
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == store::errc::offset_gap);
    }
    SECTION("the wrong configured size") {
        TempDir tmp;
        MappedFileQueue queue(copy_golden_commitlog(tmp), 4 * kMiB);
        CHECK_FALSE(queue.load().ok());
    }
}

TEST_CASE("written and flushed bytes survive unmapping and reopening") {
    TempDir tmp;
    const std::string payload = "hello commit log";
    {
        MappedFileQueue queue(tmp.path / "q", 64 * 1024);
        REQUIRE(queue.load().ok());
        CHECK(queue.empty());
        CHECK(queue.min_offset() == -1);
        CHECK(queue.max_offset() == 0);
        auto f = queue.last_file_for_write(3 * 64 * 1024 + 100);
        REQUIRE(f.ok());
        CHECK((*f)->file_from_offset() == 3 * 64 * 1024);
        std::memcpy((*f)->data(), payload.data(), payload.size());
        (*f)->set_wrote_position(payload.size());
        CHECK((*f)->readable_from(6).size() == payload.size() - 6);
        CHECK((*f)->readable_from(100).empty());
        // Below the dirty-page threshold nothing is flushed; forced, everything is.
        CHECK(*(*f)->flush(4) == 0);
        CHECK(*(*f)->flush() == payload.size());
        CHECK((*f)->flushed_position() == payload.size());
    }
    MappedFileQueue again(tmp.path / "q", 64 * 1024);
    REQUIRE(again.load().ok());
    REQUIRE(again.file_count() == 1);
    CHECK(std::string(again.first_file()->data(), payload.size()) == payload);
    CHECK(again.min_offset() == 3 * 64 * 1024);
}

TEST_CASE("an unwritable directory is an error and not a crash") {
    if (::geteuid() == 0) {
        // root ignores permissions; use a path under a regular file instead.
        TempDir tmp;
        std::ofstream(tmp.path / "file") << "x";
        MappedFileQueue queue(tmp.path / "file" / "q", 4096);
        auto r = queue.load();
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == store::errc::io_error);
        return;
    }
    MappedFileQueue queue("/proc/rmq-not-allowed/q", 4096);
    CHECK_FALSE(queue.load().ok());
}
