#include <cstring>

#include "catch.hpp"
#include "common/big_endian.hpp"
#include "remoting/frame.hpp"

using namespace rmq;
using namespace rmq::remoting;

namespace {
std::string be32(uint32_t v) {
    std::string s(4, '\0');
    store_be<uint32_t>(s.data(), v);
    return s;
}
FrameParser::Status feed(FrameParser& p, std::string_view bytes, FrameView& view) {
    p.append(bytes);
    return p.next(view);
}
}  // namespace

TEST_CASE("many frames in one read and a frame with a body") {
    RemotingCommand a = RemotingCommand::request(34);
    a.body = "{\"clientID\":\"x\"}";
    RemotingCommand b = RemotingCommand::request(105);
    b.serialize_type = SerializeType::ROCKETMQ;
    FrameParser p;
    p.append(encode_frame(a) + encode_frame(b));
    FrameView v;
    REQUIRE(p.next(v) == FrameParser::Status::Frame);
    CHECK(v.body == a.body);
    REQUIRE(p.next(v) == FrameParser::Status::Frame);
    CHECK(v.type == SerializeType::ROCKETMQ);
    CHECK(p.next(v) == FrameParser::Status::NeedMore);
}

TEST_CASE("zero-copy body views are written after the owned body") {
    static const char mapped[] = "RECORD-BYTES";
    RemotingCommand r = RemotingCommand::request(11);
    r.body = "head:";
    r.body_views.emplace_back(mapped, 12);
    auto back = decode_frame_bytes(encode_frame(r));
    REQUIRE(back.ok());
    CHECK(back->body == "head:RECORD-BYTES");
}

TEST_CASE("oversized, undersized and inconsistent frames are errors naming the problem") {
    FrameView v;
    {
        FrameParser p;
        CHECK(feed(p, be32(0x7FFFFFFF), v) == FrameParser::Status::Error);
        CHECK(p.error().find("exceeds the maximum frame size") != std::string::npos);
    }
    {
        FrameParser p;
        CHECK(feed(p, be32(0x80000000), v) == FrameParser::Status::Error);
    }
    {
        FrameParser p(1024);
        CHECK(feed(p, be32(1021), v) == FrameParser::Status::Error);  // 1021 + 4 > 1024
        FrameParser q(1024);
        CHECK(feed(q, be32(1020), v) == FrameParser::Status::NeedMore);
    }
    {
        FrameParser p;
        CHECK(feed(p, be32(2), v) == FrameParser::Status::Error);
    }
    {
        FrameParser p;
        CHECK(feed(p, be32(10) + be32(0x02000001) + "xxxxxx", v) == FrameParser::Status::Error);
        CHECK(p.error().find("serialize type") != std::string::npos);
    }
    {
        FrameParser p;
        CHECK(feed(p, be32(10) + be32(50) + "xxxxxx", v) == FrameParser::Status::Error);
        CHECK(p.error().find("header length") != std::string::npos);
    }
}

TEST_CASE("a frame whose header is not valid is reported by decode_frame") {
    FrameParser p;
    FrameView v;
    REQUIRE(feed(p, be32(8) + be32(4) + "{{{{", v) == FrameParser::Status::Frame);
    auto cmd = decode_frame(v);
    CHECK_FALSE(cmd.ok());
}

TEST_CASE("a partial frame waits for the rest") {
    RemotingCommand a = RemotingCommand::request(34);
    a.body = std::string(200000, 'x');
    std::string bytes = encode_frame(a);
    FrameParser p;
    FrameView v;
    for (size_t i = 0; i + 1 < bytes.size(); i += 65536) {
        size_t n = std::min<size_t>(65536, bytes.size() - 1 - i);
        CHECK(feed(p, std::string_view(bytes).substr(i, n), v) == FrameParser::Status::NeedMore);
    }
    CHECK(feed(p, std::string_view(bytes).substr(bytes.size() - 1), v)
          == FrameParser::Status::Frame);
    CHECK(v.body.size() == 200000);
}

TEST_CASE("a large frame read in fixed chunks costs about its own size, and is given back") {
    RemotingCommand big = RemotingCommand::request(310);
    big.body = std::string(15 * 1024 * 1024, 'b');
    const std::string bytes = encode_frame(big);
    FrameParser p;
    FrameView v;
    size_t pos = 0;
    size_t peak = 0;
    bool done = false;
    while (pos < bytes.size()) {
        auto span = p.prepare(64 * 1024);
        size_t n = std::min(span.size(), bytes.size() - pos);
        std::memcpy(span.data(), bytes.data() + pos, n);
        p.commit(n);
        pos += n;
        peak = std::max(peak, p.capacity());
        if (p.next(v) == FrameParser::Status::Frame) done = true;
    }
    REQUIRE(done);
    CHECK(v.body.size() == big.body.size());
    CHECK(peak <= bytes.size() + 2 * 64 * 1024);
    p.prepare(4096);
    CHECK(p.capacity() <= 64 * 1024);
}
