// Message bodies inside the captured remoting frames (tests/golden/frames, index.json):
// batch sends, pull/query/view record bodies and zlib-compressed message bodies.
#include <simdjson.h>

#include <string>
#include <vector>

#include "catch.hpp"
#include "message/batch.hpp"
#include "message/compression.hpp"
#include "message/record_reader.hpp"
#include "message_test_support.hpp"

using namespace rmq::message;

namespace {

std::string str(simdjson::dom::element e) {
    return std::string(std::string_view(e));
}

struct FrameCase {
    std::string file;
    std::string kind;
    simdjson::dom::element entry;
};

// The parsed index lives as long as the parser, i.e. for the whole test run.
std::vector<FrameCase> frames_of_kind(const std::string& kind) {
    static simdjson::dom::parser parser;
    static const simdjson::dom::element index =
        parser.load((rmq::test::golden_dir() / "frames" / "index.json").string());
    std::vector<FrameCase> out;
    for (simdjson::dom::element e : simdjson::dom::array(index)) {
        auto k = e["bodyKind"];
        if (k.error() || k.is_null()) continue;
        if (str(k.value()) == kind) out.push_back({str(e["file"]), kind, e});
    }
    return out;
}

std::string body_of(const std::string& file) {
    return rmq::test::frame_body(rmq::test::read_file(rmq::test::golden_dir() / "frames" / file));
}

}  // namespace

TEST_CASE("SEND_BATCH_MESSAGE bodies decode to the recorded entries", "[message][golden]") {
    const auto frames = frames_of_kind("batch-entries");
    REQUIRE(frames.size() == 5);
    std::size_t entries_checked = 0;
    for (const auto& f : frames) {
        INFO(f.file);
        CHECK(f.file.find("code320") != std::string::npos);
        const std::string body = body_of(f.file);
        CHECK(static_cast<int64_t>(body.size()) == int64_t(f.entry["bodyLength"]));
        auto views = decode_batch_view(body);
        REQUIRE(views.ok());
        auto messages = decode_batch(body);
        REQUIRE(messages.ok());
        simdjson::dom::array expected = f.entry["batchEntries"];
        REQUIRE(views->size() == expected.size());
        std::size_t i = 0;
        for (simdjson::dom::element e : expected) {
            const BatchEntryView& v = (*views)[i];
            const Message& m = (*messages)[i];
            ++i;
            const int64_t body_len = e["bodyLength"];
            const int64_t props_len = e["propertiesLength"];
            CHECK(int64_t(e["totalSize"]) == 22 + body_len + props_len);
            CHECK(v.flag == int64_t(e["flag"]));
            CHECK(static_cast<int64_t>(v.body.size()) == body_len);
            if (auto text = e["body"]; !text.error() && !text.is_null()) {
                CHECK(std::string(v.body) == str(text.value()));
            }
            CHECK(static_cast<int64_t>(v.properties.size()) == props_len);
            CHECK(std::string(v.properties) == str(e["properties"]));
            CHECK(m.flag == v.flag);
            CHECK(m.body == v.body);
            CHECK(m.properties == parse_properties(v.properties));
            CHECK(!m.uniq_key().empty());
            ++entries_checked;
        }
        // The Java client's encoding is reproduced by ours.
        std::string again;
        for (const auto& v : *views)
            REQUIRE(encode_batch_entry(v.flag, v.body, v.properties, again).ok());
        CHECK(again == body);
        auto from_messages = encode_batch(*messages);
        REQUIRE(from_messages.ok());
        CHECK(*from_messages == body);
    }
    CHECK(entries_checked > 10);
}

TEST_CASE("pull / query / view bodies decode to the recorded records", "[message][golden]") {
    const auto frames = frames_of_kind("message-records");
    REQUIRE(frames.size() == 20);
    for (const auto& f : frames) {
        INFO(f.file);
        const std::string body = body_of(f.file);
        simdjson::dom::array expected = f.entry["records"];
        RecordReader reader = decode_records(body);
        std::vector<RecordView> got;
        for (const RecordView& v : reader)
            got.push_back(v);
        CHECK(reader.finished_cleanly());
        CHECK(reader.consumed() == body.size());
        REQUIRE(got.size() == expected.size());
        std::size_t i = 0;
        for (simdjson::dom::element e : expected) {
            const RecordView& v = got[i++];
            CHECK(v.store_size == int64_t(e["storeSize"]));
            CHECK(str(e["magic"]) == "0xDAA320A7");
            CHECK(v.magic == kMagicV1);
            CHECK(std::string(v.topic) == str(e["topic"]));
            CHECK(v.queue_id == int64_t(e["queueId"]));
            CHECK(v.queue_offset == int64_t(e["queueOffset"]));
            CHECK(v.commit_log_offset == int64_t(e["commitLogOffset"]));
            CHECK(v.sys_flag == int64_t(e["sysFlag"]));
            CHECK(v.flag == int64_t(e["flag"]));
            CHECK(static_cast<int64_t>(v.body.size()) == int64_t(e["bodyLength"]));
            CHECK(static_cast<int64_t>(v.properties.size()) == int64_t(e["propertiesLength"]));
            CHECK(std::string(v.properties) == str(e["properties"]));
            // Compressed bodies in responses inflate (the client does this).
            auto plain = decompress_body(v.body, v.sys_flag);
            CHECK(plain.ok());
        }
        auto owned = decode_messages(body);
        CHECK(owned.size() == expected.size());
    }
}

TEST_CASE("zlib message bodies inflate to the recorded length", "[message][golden]") {
    const auto frames = frames_of_kind("zlib");
    REQUIRE(frames.size() == 2);
    for (const auto& f : frames) {
        INFO(f.file);
        const std::string body = body_of(f.file);
        const int64_t inflated_len = f.entry["bodyInflatedLength"];
        auto plain = zlib_inflate(body);
        REQUIRE(plain.ok());
        CHECK(static_cast<int64_t>(plain->size()) == inflated_len);
        // The producer set sysFlag 0x301 (COMPRESSED | ZLIB<<8).
        auto via_flag = decompress_body(body, 0x301);
        REQUIRE(via_flag.ok());
        CHECK(*via_flag == *plain);
        // A bound just below the real size refuses it; exactly the size accepts it.
        auto tight = zlib_inflate(body, static_cast<std::size_t>(inflated_len) - 1);
        REQUIRE_FALSE(tight.ok());
        CHECK(tight.error().code == errc::inflated_too_large);
        CHECK(zlib_inflate(body, static_cast<std::size_t>(inflated_len)).ok());
    }
}
