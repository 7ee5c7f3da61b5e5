// Every frame captured from a real RocketMQ 4.9.8 deployment (tests/golden/frames) decodes to
// the recorded header, re-encodes to the same bytes, and its custom header decodes into the
// typed schema from proto/.
#include <simdjson.h>

#include <map>
#include <random>

#include "catch.hpp"
#include "golden.hpp"
#include "proto/schema_registry.hpp"
#include "remoting/frame.hpp"

using namespace rmq;
using namespace rmq::remoting;

namespace {

struct GoldenFrame {
    std::string file;
    std::string bytes;
    std::string kind;  // request, request-oneway, response
    int64_t request_code = -1;
    int64_t response_code = -1;
    int64_t in_reply_to = -1;
    simdjson::dom::element header;
};

struct GoldenSet {
    simdjson::dom::parser parser;
    simdjson::dom::element index;
    std::vector<GoldenFrame> frames;
};

const GoldenSet& golden() {
    // Built in place: dom elements point into the parser, which must never move.
    static const GoldenSet* set = [] {
        auto* sp = new GoldenSet;
        auto& s = *sp;
        auto dir = test::golden_dir() / "frames";
        if (s.parser.load((dir / "index.json").string()).get(s.index))
            throw std::runtime_error("cannot parse golden index.json");
        // simdjson results are taken with get(): value() on a temporary result dangles.
        simdjson::dom::array entries;
        if (s.index.get_array().get(entries))
            throw std::runtime_error("index.json is not an array");
        for (simdjson::dom::element entry : entries) {
            GoldenFrame f;
            std::string_view file, kind;
            if (entry["file"].get(file) || entry["kind"].get(kind) || entry["header"].get(f.header))
                throw std::runtime_error("index.json entry without file/kind/header");
            f.file = std::string(file);
            f.bytes = test::read_file(dir / f.file);
            f.kind = std::string(kind);
            if (auto v = entry["requestCode"].get_int64(); !v.error()) f.request_code = v.value();
            if (auto v = entry["responseCode"].get_int64(); !v.error()) f.response_code = v.value();
            if (auto v = entry["inReplyToCode"].get_int64(); !v.error()) f.in_reply_to = v.value();
            s.frames.push_back(std::move(f));
        }
        return sp;
    }();
    return *set;
}

std::string text_of(simdjson::dom::element e) {
    if (e.is_string()) return std::string(e.get_string().value());
    if (e.is_int64()) return std::to_string(e.get_int64().value());
    if (e.is_bool()) return e.get_bool().value() ? "true" : "false";
    return std::string(simdjson::minify(e));
}

}  // namespace

TEST_CASE("all 652 golden frames decode to the recorded header fields") {
    const auto& set = golden();
    REQUIRE(set.frames.size() == 652);
    for (const auto& f : set.frames) {
        INFO(f.file);
        REQUIRE(f.bytes.size() >= 8);
        auto cmd = decode_frame_bytes(f.bytes);
        REQUIRE(cmd.ok());
        simdjson::dom::object h;
        REQUIRE_FALSE(f.header.get(h));
        CHECK(cmd->code == h["code"].get_int64().value());
        CHECK(cmd->opaque == h["opaque"].get_int64().value());
        CHECK(cmd->flag == h["flag"].get_int64().value());
        CHECK(cmd->version == h["version"].get_int64().value());
        CHECK(proto::language_name(cmd->language) == h["language"].get_string().value());
        if (auto remark = h["remark"]; !remark.error()) {
            REQUIRE(cmd->remark.has_value());
            CHECK(*cmd->remark == remark.get_string().value());
        } else {
            CHECK_FALSE(cmd->remark.has_value());
        }
        simdjson::dom::object ext;
        if (h["extFields"].get(ext)) {
            CHECK_FALSE(cmd->ext_fields.has_value());
            continue;
        }
        REQUIRE(cmd->ext_fields.has_value());
        std::vector<std::pair<std::string, std::string>> expected;
        for (auto kv : ext)
            expected.emplace_back(std::string(kv.key), text_of(kv.value));
        std::vector<std::pair<std::string, std::string>> actual(cmd->ext_fields->begin(),
                                                                cmd->ext_fields->end());
        CHECK(actual == expected);
        CHECK(cmd->is_response() == (f.kind == "response"));
        CHECK(cmd->is_oneway() == (f.kind == "request-oneway"));
    }
}

TEST_CASE("re-encoding every golden frame reproduces the captured bytes") {
    size_t json = 0, binary = 0;
    for (const auto& f : golden().frames) {
        INFO(f.file);
        auto cmd = decode_frame_bytes(f.bytes);
        REQUIRE(cmd.ok());
        CHECK(encode_frame(*cmd) == f.bytes);
        (cmd->serialize_type == SerializeType::JSON ? json : binary)++;
    }
    CHECK(json == 554);
    CHECK(binary == 98);
}

TEST_CASE("every golden header with a schema decodes into its typed struct") {
    size_t requests = 0, responses = 0;
    for (const auto& f : golden().frames) {
        INFO(f.file);
        auto cmd = decode_frame_bytes(f.bytes);
        REQUIRE(cmd.ok());
        auto check = [&](auto tag) {
            using H = typename decltype(tag)::type;
            auto h = cmd->template decode_header<H>();
            INFO(H::kSchemaName);
            if (!h.ok()) INFO(h.error().remark);
            CHECK(h.ok());
        };
        if (f.kind != "response") {
            requests += proto::with_request_schema(cmd->code, check);
            continue;
        }
        // Error responses are built without the command's header class.
        const auto rc = f.response_code;
        const auto req = static_cast<proto::RequestCode>(f.in_reply_to);
        const bool stored = rc == 0
                            || ((req == proto::RequestCode::SEND_MESSAGE_V2
                                 || req == proto::RequestCode::SEND_BATCH_MESSAGE
                                 || req == proto::RequestCode::SEND_MESSAGE)
                                && rc >= 10 && rc <= 12);
        const bool pull_status = req == proto::RequestCode::PULL_MESSAGE && rc >= 19 && rc <= 21;
        const bool query_miss = req == proto::RequestCode::QUERY_MESSAGE && rc == 22;
        if (stored || pull_status || query_miss)
            responses += proto::with_response_schema(static_cast<int32_t>(f.in_reply_to), check);
    }
    INFO("requests " << requests << " responses " << responses);
    CHECK(requests > 300);
    CHECK(responses > 140);
}

TEST_CASE("the incremental parser yields the same frames from arbitrary read splits") {
    std::string stream;
    std::vector<std::string> originals;
    for (const auto& f : golden().frames) {
        stream += f.bytes;
        originals.push_back(f.bytes);
    }
    std::mt19937 rng(42);
    for (size_t max_chunk : {1u, 7u, 4096u, 70000u}) {
        INFO("max chunk " << max_chunk);
        FrameParser parser;
        size_t pos = 0, seen = 0;
        bool all_equal = true;
        while (pos < stream.size()) {
            size_t n = std::min<size_t>(stream.size() - pos, 1 + rng() % max_chunk);
            auto span = parser.prepare(n);
            std::memcpy(span.data(), stream.data() + pos, n);
            parser.commit(n);
            pos += n;
            FrameView view;
            FrameParser::Status st;
            while ((st = parser.next(view)) == FrameParser::Status::Frame) {
                auto cmd = decode_frame(view);
                REQUIRE(cmd.ok());
                all_equal &= encode_frame(*cmd) == originals.at(seen);
                ++seen;
            }
            REQUIRE(st == FrameParser::Status::NeedMore);
        }
        CHECK(all_equal);
        CHECK(seen == originals.size());
        CHECK(parser.buffered() == 0);
    }
}
