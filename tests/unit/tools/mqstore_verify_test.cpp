// `verify` on the golden stores and on copies with one thing broken each.
#include <algorithm>

#include "catch.hpp"
#include "common/big_endian.hpp"
#include "inspector/store_verifier.hpp"
#include "mqstore_test_support.hpp"

using namespace rmq;
using namespace rmq::mqstore;
namespace fs = std::filesystem;

namespace {

VerifyReport verify(const fs::path& root) {
    auto inspector = StoreInspector::open(root);
    REQUIRE(inspector.ok());
    auto report = verify_store(*inspector, VerifyOptions{default_delay_levels()});
    REQUIRE(report.ok());
    return std::move(*report);
}

std::string describe(const VerifyReport& r) {
    std::string text;
    for (const auto& f : r.findings) {
        text += (f.severity == Severity::damage ? "DAMAGE " : "note ") + f.file + " " + f.position
                + ": " + f.what + "\n";
    }
    return text;
}

bool has_finding(const VerifyReport& r, Severity severity, const std::string& file,
                 const std::string& what_part) {
    return std::any_of(r.findings.begin(), r.findings.end(), [&](const Finding& f) {
        return f.severity == severity && f.file == file
               && f.what.find(what_part) != std::string::npos;
    });
}

std::string be64(int64_t v) {
    std::string s(8, '\0');
    store_be(s.data(), v);
    return s;
}

std::string be32(int32_t v) {
    std::string s(4, '\0');
    store_be(s.data(), v);
    return s;
}

const std::string kFirstLogFile = "commitlog/00000000000000000000";

}  // namespace

TEST_CASE("verify passes the clean store without a finding") {
    const VerifyReport r = verify(test::clean_store());
    INFO(describe(r));
    CHECK(r.ok());
    CHECK(r.damage == 0);
    CHECK(r.notes == 0);
    CHECK(r.counts.commit_log_files == 3);
    CHECK(r.counts.records == 1462);
    CHECK(r.counts.blank_markers == 2);
    CHECK(r.counts.commit_log_end == 2547665);
    CHECK(r.counts.queues == 19);
    CHECK(r.counts.units == 1462);
    CHECK(r.counts.holes == 0);
    CHECK(r.counts.undispatched == 0);
    CHECK(r.counts.index_files == 12);
    CHECK(r.counts.index_entries == 2962);
}

TEST_CASE("verify passes the crashed store, its crash tail is reported as notes") {
    const VerifyReport r = verify(test::crashed_store());
    INFO(describe(r));
    CHECK(r.ok());
    CHECK(r.counts.commit_log_end == 3102084);
    CHECK(r.counts.records == 2561);
    CHECK(r.counts.units == 2559);
    CHECK(r.counts.undispatched == 2);
    CHECK(r.notes == 4);
    CHECK(has_finding(r, Severity::note, "abort", "present"));
    CHECK(has_finding(r, Severity::note, "commitlog/00000000000003145728",
                      "all zero: pre-allocated after the end of the log at offset 3102084"));
    CHECK(has_finding(r, Severity::note, "commitlog",
                      "2 record(s) from offset 3099579 on have no consume-queue unit yet"));
    CHECK(has_finding(r, Severity::note, "index/20261122141938394",
                      "newer than the checkpoint's indexMsgTimestamp 1795357178393"));
}

TEST_CASE("verify finds a flipped body byte") {
    test::MqstoreScratch scratch;
    const auto root = test::copy_store(test::clean_store(), scratch.path / "store");
    const auto file = root / kFirstLogFile;
    const std::streamoff at = 270 + 88 + 3;  // the second record's body (IPv4 hosts: body at +88)
    test::patch_file(file, at, std::string(1, static_cast<char>(test::read_byte(file, at) ^ 0x01)));
    const VerifyReport r = verify(root);
    INFO(describe(r));
    CHECK_FALSE(r.ok());
    CHECK(r.damage == 1);
    REQUIRE(r.findings.size() == 1);
    CHECK(r.findings[0].file == kFirstLogFile);
    CHECK(r.findings[0].position == "+270 (offset 270)");
    CHECK(r.findings[0].what
          == "body CRC mismatch: stored 1151117569, computed 770024036; recovery"
             " (checkCRCOnRecover) would end the log here");
}

TEST_CASE("verify finds a consume-queue unit pointing at the wrong record") {
    test::MqstoreScratch scratch;
    const auto root = test::copy_store(test::clean_store(), scratch.path / "store");
    const auto queue_file = root / "consumequeue/StoreTopicA/1/00000000000000000000";
    test::patch_file(queue_file, 20,
                     be64(523));  // unit 1 now points at StoreTopicA/2's first record
    const VerifyReport r = verify(root);
    INFO(describe(r));
    CHECK(r.damage == 1);
    REQUIRE(r.findings.size() == 1);
    CHECK(r.findings[0].file == "consumequeue/StoreTopicA/1/00000000000000000000");
    CHECK(r.findings[0].position == "+20 (queue offset 1)");
    CHECK(
        r.findings[0].what
        == "points at offset 523, a record with queue id 2, queue offset 0, size 260 (unit: 281)");
}

TEST_CASE("verify finds a truncated commit-log file") {
    test::MqstoreScratch scratch;
    const auto root = test::copy_store(test::clean_store(), scratch.path / "store");
    fs::resize_file(root / "commitlog/00000000000001048576", 500000);
    const VerifyReport r = verify(root);
    CHECK_FALSE(r.ok());
    CHECK(has_finding(r, Severity::damage, "commitlog/00000000000001048576",
                      "size 500000 bytes, expected 1048576"));
    CHECK(has_finding(r, Severity::damage, "commitlog/00000000000001048576",
                      "no record decodes here: truncated"));
    CHECK(r.counts.commit_log_end == 1547332);  // where recovery would now end the log
    // The units and index entries beyond that point are damage too.
    CHECK(r.damage > 100);
}

TEST_CASE("a record without its consume-queue unit is damage unless it is at the log's tail") {
    test::MqstoreScratch scratch;
    const auto root = test::copy_store(test::clean_store(), scratch.path / "store");
    // StoreTopicA/3 ends at 10: drop its last unit, whose record sits early in the log.
    test::patch_file(root / "consumequeue/StoreTopicA/3/00000000000000000000", 9 * 20,
                     std::string(20, '\0'));
    const VerifyReport r = verify(root);
    INFO(describe(r));
    CHECK(r.damage == 1);
    CHECK(has_finding(
        r, Severity::damage, kFirstLogFile,
        "StoreTopicA/3 queue offset 9 has no consume-queue unit (the queue ends at 9)"));
}

TEST_CASE("a hole after the first real unit is damage") {
    test::MqstoreScratch scratch;
    const auto root = test::copy_store(test::clean_store(), scratch.path / "store");
    test::patch_file(root / "consumequeue/StoreTopicA/2/00000000000000000000", 2 * 20,
                     be64(0) + be32(INT32_MAX) + be64(0));
    const VerifyReport r = verify(root);
    INFO(describe(r));
    CHECK(has_finding(r, Severity::damage, "consumequeue/StoreTopicA/2/00000000000000000000",
                      "hole after the first real unit"));
}

TEST_CASE("an index entry that does not point at a record start is damage") {
    test::MqstoreScratch scratch;
    const auto root = test::copy_store(test::clean_store(), scratch.path / "store");
    // Entry 5 of the first file: 40-byte header, 64 slots of 4 bytes, 20-byte entries; the
    // commit-log offset is at +4 in the entry.
    test::patch_file(root / "index/20261122141720792", 40 + 64 * 4 + 5 * 20 + 4, be64(271));
    const VerifyReport r = verify(root);
    INFO(describe(r));
    CHECK(r.damage == 1);
    CHECK(has_finding(r, Severity::damage, "index/20261122141720792",
                      "offset 271 is not the start of a record"));
}

TEST_CASE("an index header whose slot count disagrees with its table is damage") {
    test::MqstoreScratch scratch;
    const auto root = test::copy_store(test::clean_store(), scratch.path / "store");
    test::patch_file(root / "index/20261122141721207", 32, be32(7));
    const VerifyReport r = verify(root);
    INFO(describe(r));
    CHECK(has_finding(r, Severity::damage, "index/20261122141721207",
                      "hashSlotCount 7, but 63 slots are in use"));
}

TEST_CASE("a partly written last record is a crash tail after a crash, damage after a clean stop") {
    test::MqstoreScratch scratch;
    // A record header (TOTALSIZE 300, magic v1) and 40 bytes of it, right after the last record.
    const std::string torn =
        be32(300) + be32(static_cast<int32_t>(0xDAA320A7)) + std::string(40, 'x');

    const auto crashed = test::copy_store(test::crashed_store(), scratch.path / "crashed");
    test::patch_file(crashed / "commitlog/00000000000002097152", 3102084 - 2097152, torn);
    const VerifyReport after_crash = verify(crashed);
    INFO(describe(after_crash));
    CHECK(after_crash.ok());
    CHECK(has_finding(after_crash, Severity::note, "commitlog/00000000000002097152",
                      "a crash tail, recovery ends the log here"));

    const auto clean = test::copy_store(test::clean_store(), scratch.path / "clean");
    test::patch_file(clean / "commitlog/00000000000002097152", 2547665 - 2097152, torn);
    const VerifyReport after_clean_stop = verify(clean);
    CHECK_FALSE(after_clean_stop.ok());
    CHECK(has_finding(after_clean_stop, Severity::damage, "commitlog/00000000000002097152",
                      "no record decodes here"));
}

TEST_CASE("data in the pre-allocated file after the end of the log is damage") {
    test::MqstoreScratch scratch;
    const auto root = test::copy_store(test::crashed_store(), scratch.path / "store");
    test::patch_file(root / "commitlog/00000000000003145728", 4096, "garbage");
    const VerifyReport r = verify(root);
    INFO(describe(r));
    CHECK(r.damage == 1);
    CHECK(has_finding(r, Severity::damage, "commitlog/00000000000003145728",
                      "data after the end of the log at offset 3102084"));
}

TEST_CASE("a foreign file in commitlog/ is damage (RocketMQ would refuse to load it)") {
    test::MqstoreScratch scratch;
    const auto root = test::copy_store(test::clean_store(), scratch.path / "store");
    std::ofstream(root / "commitlog" / "notes.txt") << "hello";
    const VerifyReport r = verify(root);
    CHECK(r.damage == 1);
    CHECK(has_finding(r, Severity::damage, "commitlog/notes.txt", "not a commit-log file"));
}
