#include "store/checkpoint.hpp"

#include <unistd.h>

#include <fstream>

#include "catch.hpp"
#include "golden.hpp"

using namespace rmq;
using namespace rmq::store;
namespace fs = std::filesystem;

namespace {
/// A per-process scratch directory, removed when the test binary exits.
const fs::path& scratch_dir() {
    static struct Dir {
        fs::path path =
            fs::temp_directory_path() / ("rmq-checkpoint-" + std::to_string(::getpid()));
        Dir() { fs::create_directories(path); }
        ~Dir() { fs::remove_all(path); }
    } dir;
    return dir.path;
}
fs::path scratch(const char* name) {
    auto p = scratch_dir() / name;
    fs::remove(p);
    return p;
}
}  // namespace

TEST_CASE("the checkpoint written by RocketMQ 4.9.8 reads back its three timestamps") {
    auto path = scratch("checkpoint-golden");
    fs::copy_file(test::golden_dir() / "store-clean/store/checkpoint", path);
    auto cp = StoreCheckpoint::open(path);
    REQUIRE(cp.ok());
    CHECK((*cp)->physic_msg_timestamp() == 1795357054411);
    CHECK((*cp)->logics_msg_timestamp() == 1795357054411);
    CHECK((*cp)->index_msg_timestamp() == 1795357043202);
    CHECK((*cp)->min_timestamp() == 1795357054411 - 3000);
    CHECK((*cp)->min_timestamp_index() == 1795357043202);
}

TEST_CASE("checkpoint values survive a flush and a reopen in the RocketMQ layout") {
    auto path = scratch("checkpoint-new");
    {
        auto cp = StoreCheckpoint::open(path);
        REQUIRE(cp.ok());
        CHECK((*cp)->physic_msg_timestamp() == 0);
        (*cp)->set_physic_msg_timestamp(1795357054411);
        (*cp)->set_logics_msg_timestamp(1795357054000);
        (*cp)->set_index_msg_timestamp(1795357043202);
        REQUIRE((*cp)->flush().ok());
    }
    CHECK(fs::file_size(path) == 4096);
    auto golden = test::read_file(test::golden_dir() / "store-clean/store/checkpoint");
    auto ours = test::read_file(path);
    CHECK(ours.substr(0, 8) == golden.substr(0, 8));    // same physic value, same bytes
    CHECK(ours.substr(16, 8) == golden.substr(16, 8));  // same index value, same bytes
    auto again = StoreCheckpoint::open(path);
    REQUIRE(again.ok());
    CHECK((*again)->logics_msg_timestamp() == 1795357054000);
}

TEST_CASE("a store can be locked by one owner at a time") {
    auto path = scratch("lock");
    {
        auto first = StoreLock::acquire(path);
        REQUIRE(first.ok());
        auto second = StoreLock::acquire(path);
        REQUIRE_FALSE(second.ok());
        CHECK(second.error().message.find("in use by another broker") != std::string::npos);
        CHECK(test::read_file(path) == "lock");
    }
    CHECK(StoreLock::acquire(path).ok());  // released with its owner
}
