// The replication stream captured between a 4.9.8 master and slave (tests/golden/frames/ha).
#include <random>

#include "catch.hpp"
#include "common/big_endian.hpp"
#include "golden.hpp"
#include "ha/ha_protocol.hpp"

using namespace rmq;

namespace {
std::string stream(const char* name) {
    return test::read_file(test::golden_dir() / "frames/ha" / name);
}
}  // namespace

TEST_CASE("the slave's reports parse to the captured offsets") {
    auto bytes = stream("stream-slave-to-master.bin");
    std::vector<int64_t> reports;
    ha::OffsetReportReader reader;
    // One report at a time, as they arrived.
    for (size_t i = 0; i < bytes.size(); i += ha::kReportSize)
        reports.push_back(*reader.feed(std::string_view(bytes).substr(i, ha::kReportSize)));
    CHECK(reports == std::vector<int64_t>{0, 32768, 65536, 98304, 116143, 116143});
    // Several reports in one read: the master keeps the newest complete one.
    ha::OffsetReportReader batch;
    CHECK(batch.feed(std::string_view(bytes).substr(0, 20)) == 32768);
    CHECK(batch.feed(std::string_view(bytes).substr(20, 4)) == 65536);
    CHECK_FALSE(batch.feed(std::string_view(bytes).substr(24, 3)).has_value());
}

TEST_CASE("the master's stream splits into the captured chunks whatever the read sizes") {
    auto bytes = stream("stream-master-to-slave.bin");
    const std::vector<ha::TransferHeader> expected{{0, 0},         {0, 32768},     {32768, 32768},
                                                   {65536, 32768}, {98304, 17839}, {116143, 0}};
    std::mt19937 rng(7);
    for (size_t max_read : {1u, 1000u, 70000u}) {
        ha::TransferStreamParser parser;
        std::vector<ha::TransferHeader> headers;
        std::string log;  // the slave's commit log rebuilt from the bodies
        size_t pos = 0;
        while (pos < bytes.size()) {
            size_t n = std::min<size_t>(bytes.size() - pos, 1 + rng() % max_read);
            parser.feed(std::string_view(bytes).substr(pos, n));
            pos += n;
            ha::TransferStreamParser::Chunk chunk;
            while (parser.next(chunk) == ha::TransferStreamParser::Status::Chunk) {
                headers.push_back(chunk.header);
                REQUIRE(chunk.header.phy_offset == static_cast<int64_t>(log.size()));
                log.append(chunk.body);
            }
        }
        CHECK(headers == expected);
        REQUIRE(log.size() == 116143);
        // The rebuilt bytes are whole records whose PHYSICALOFFSET field equals their position.
        size_t at = 0, records = 0;
        while (at < log.size()) {
            const auto size = load_be<int32_t>(log.data() + at);
            REQUIRE(size > 0);
            CHECK(load_be<int64_t>(log.data() + at + 28) == static_cast<int64_t>(at));
            at += static_cast<size_t>(size);
            ++records;
        }
        CHECK(at == log.size());
        CHECK(records == 115);
    }
}

TEST_CASE("headers are encoded exactly as captured and bad headers are errors") {
    auto bytes = stream("stream-master-to-slave.bin");
    std::string out;
    ha::append_transfer_header(out, {0, 0});
    ha::append_transfer_header(out, {0, 32768});
    CHECK(out == bytes.substr(0, 12) + bytes.substr(12, 12));
    std::string report;
    ha::append_offset_report(report, 116143);
    CHECK(report == stream("stream-slave-to-master.bin").substr(32, 8));

    ha::TransferStreamParser parser(1024);
    std::string bad;
    ha::append_transfer_header(bad, {0, 4096});
    parser.feed(bad);
    ha::TransferStreamParser::Chunk chunk;
    CHECK(parser.next(chunk) == ha::TransferStreamParser::Status::Error);
    ha::TransferStreamParser negative;
    bad.clear();
    ha::append_transfer_header(bad, {0, -1});
    negative.feed(bad);
    CHECK(negative.next(chunk) == ha::TransferStreamParser::Status::Error);
}
