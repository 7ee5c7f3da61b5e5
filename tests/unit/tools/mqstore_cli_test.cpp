// The mqstore binary itself: exit codes and the one-line messages, on the golden stores and on
// damaged copies.
#include "catch.hpp"
#include "mqstore_test_support.hpp"

using namespace rmq;
namespace fs = std::filesystem;

TEST_CASE("mqstore verify exits 0 on the golden stores") {
    test::MqstoreScratch scratch;
    auto clean = test::run_binary(scratch.path, {"verify", test::clean_store().string()});
    CHECK(clean.exit_code == 0);
    CHECK(clean.err.empty());
    CHECK_THAT(clean.out, test::contains("result: OK, no damage (0 notes)\n"));
    CHECK_THAT(clean.out, test::contains("3 commit-log files (1462 records, 2 end-of-file markers,"
                                         " data ends at 2547665)"));

    auto crashed = test::run_binary(scratch.path, {"verify", test::crashed_store().string()});
    CHECK(crashed.exit_code == 0);
    CHECK_THAT(crashed.out, test::contains("result: OK, no damage (4 notes)\n"));
    CHECK_THAT(crashed.out,
               test::contains("note   commitlog/00000000000003145728: all zero: pre-allocated"));
}

TEST_CASE("mqstore verify exits 1 on damage, naming the file and offset") {
    test::MqstoreScratch scratch;
    const auto root = test::copy_store(test::clean_store(), scratch.path / "store");
    const auto file = root / "commitlog/00000000000000000000";
    test::patch_file(file, 270 + 88,
                     std::string(1, static_cast<char>(test::read_byte(file, 270 + 88) ^ 0x20)));
    auto r = test::run_binary(scratch.path, {"verify", root.string()});
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.out, test::contains("DAMAGE commitlog/00000000000000000000 +270 (offset 270): body"
                                     " CRC mismatch: stored 1151117569, computed "));
    CHECK_THAT(r.out, test::contains("result: DAMAGED, 1 problem (0 notes)\n"));
}

TEST_CASE("mqstore verify exits 1 on a consume-queue unit pointing elsewhere and a short file") {
    test::MqstoreScratch scratch;
    const auto cq = test::copy_store(test::clean_store(), scratch.path / "cq");
    std::string offset(8, '\0');
    offset[7] = static_cast<char>(523 & 0xff);
    offset[6] = static_cast<char>(523 >> 8);
    test::patch_file(cq / "consumequeue/StoreTopicA/1/00000000000000000000", 20, offset);
    CHECK(test::run_binary(scratch.path, {"verify", cq.string()}).exit_code == 1);

    const auto truncated = test::copy_store(test::clean_store(), scratch.path / "truncated");
    fs::resize_file(truncated / "commitlog/00000000000002097152", 100000);
    auto r = test::run_binary(scratch.path, {"verify", truncated.string(), "--max-problems", "2"});
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.out, test::contains("DAMAGE commitlog/00000000000002097152: size 100000 bytes,"
                                     " expected 1048576\n"));
    CHECK_THAT(r.out, test::contains("more damage findings not shown (--max-problems)\n"));
}

TEST_CASE("mqstore exits 2 with a one-line message for a missing or foreign directory") {
    test::MqstoreScratch scratch;
    for (const char* command : {"info", "verify"}) {
        auto missing = test::run_binary(scratch.path, {command, (scratch.path / "nope").string()});
        CHECK(missing.exit_code == 2);
        CHECK(missing.err
              == "mqstore: no such directory: " + (scratch.path / "nope").string() + "\n");
        CHECK(missing.out.empty());

        fs::create_directories(scratch.path / "foreign" / "config");
        auto foreign =
            test::run_binary(scratch.path, {command, (scratch.path / "foreign").string()});
        CHECK(foreign.exit_code == 2);
        CHECK(foreign.err
              == "mqstore: not a RocketMQ store: " + (scratch.path / "foreign").string()
                     + " has no commitlog/ directory\n");
    }
    auto print = test::run_binary(
        scratch.path, {"print", (scratch.path / "nope").string(), "--topic", "T", "--queue", "0"});
    CHECK(print.exit_code == 2);
}

TEST_CASE("mqstore exits 2 on usage errors and 0 for help") {
    test::MqstoreScratch scratch;
    auto none = test::run_binary(scratch.path, {});
    CHECK(none.exit_code == 2);
    CHECK_THAT(none.err, test::contains("mqstore: no command given\n"));
    CHECK_THAT(none.err, test::contains("usage: mqstore <command> DIR [options]"));

    auto bad =
        test::run_binary(scratch.path, {"print", test::clean_store().string(), "--topic", "T"});
    CHECK(bad.exit_code == 2);
    CHECK_THAT(bad.err, test::contains("mqstore: print needs --queue\n"));

    auto help = test::run_binary(scratch.path, {"--help"});
    CHECK(help.exit_code == 0);
    CHECK_THAT(help.out, test::contains("usage: mqstore"));
}

TEST_CASE("mqstore info prints the overview as text and as JSON") {
    test::MqstoreScratch scratch;
    auto text = test::run_binary(scratch.path, {"info", test::clean_store().string()});
    CHECK(text.exit_code == 0);
    CHECK_THAT(text.out, test::contains("commit log       3 files of 1048576 bytes; min offset 0,"
                                        " max offset 2547665\n"));
    CHECK_THAT(text.out, test::contains("last shutdown    clean (no abort file)\n"));
    CHECK_THAT(text.out, test::contains("physicMsgTimestamp     1795357054411  "));
    CHECK_THAT(
        text.out,
        test::contains("StoreBulkTopic                   3            0          350      2\n"));

    auto json = test::run_binary(scratch.path, {"info", test::crashed_store().string(), "--json"});
    CHECK(json.exit_code == 0);
    CHECK_THAT(
        json.out,
        test::contains(
            R"("commitLog":{"files":4,"fileSize":1048576,"minOffset":0,"maxOffset":3102084})"));
    CHECK_THAT(json.out, test::contains(R"("cleanShutdown":false)"));
    CHECK_THAT(json.out,
               test::contains(R"({"queueId":3,"minOffset":0,"maxOffset":640,"files":3})"));
}

TEST_CASE("mqstore exits 2 when the index geometry cannot be inferred and accepts the option") {
    test::MqstoreScratch scratch;
    const auto root = test::copy_store(test::clean_store(), scratch.path / "store");
    // One index file whose size fits many geometries and whose entries are noise.
    for (const auto& e : fs::directory_iterator(root / "index"))
        fs::remove(e.path());
    std::string noise(5416, '\x11');
    noise.replace(36, 4, std::string("\0\0\0\x05", 4));  // indexCount 5
    std::ofstream(root / "index" / "20261122141723335", std::ios::binary) << noise;
    auto r = test::run_binary(scratch.path, {"verify", root.string()});
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, test::contains("cannot tell the index geometry of 5416-byte index files"));
    CHECK_THAT(r.err, test::contains("pass --index-slots N"));
    auto with_option =
        test::run_binary(scratch.path, {"verify", root.string(), "--index-slots", "64"});
    CHECK(with_option.exit_code == 1);  // now it can look, and the noise is damage
}
