#include "catch.hpp"
#include "remoting/frame.hpp"
#include "remoting/header_codec.hpp"

using namespace rmq::remoting;

TEST_CASE("the ROCKETMQ header matches spec 10.3 byte for byte") {
    RemotingCommand cmd = RemotingCommand::request(105);
    cmd.opaque = 1;
    cmd.serialize_type = SerializeType::ROCKETMQ;
    cmd.ext_fields.emplace().set("topic", "TopicTest");
    const std::string expected(
        "\x00\x00\x00\x2d\x01\x00\x00\x29\x00\x69\x00\x01\x99\x00\x00\x00"
        "\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x14\x00\x05\x74"
        "\x6f\x70\x69\x63\x00\x00\x00\x09\x54\x6f\x70\x69\x63\x54\x65\x73\x74",
        49);
    CHECK(encode_frame(cmd) == expected);
    auto back = decode_frame_bytes(expected);
    REQUIRE(back.ok());
    CHECK(back->code == 105);
    CHECK(back->version == 409);
    CHECK(back->serialize_type == SerializeType::ROCKETMQ);
    CHECK(*back->ext("topic") == "TopicTest");
    CHECK_FALSE(back->remark.has_value());
}

TEST_CASE("binary header lengths that overrun the header are errors") {
    RemotingCommand cmd = RemotingCommand::request(11);
    cmd.remark = "hello";
    cmd.ext_fields.emplace().set("k", "v");
    std::string header;
    encode_binary_header(cmd, header);
    // Every truncation must fail cleanly.
    for (size_t n = 0; n < header.size(); ++n) {
        RemotingCommand out;
        auto r = decode_binary_header(std::string_view(header).substr(0, n), out);
        INFO(n);
        CHECK_FALSE(r.ok());
    }
    RemotingCommand ok;
    REQUIRE(decode_binary_header(header, ok).ok());
    CHECK(ok.remark == "hello");
    // Negative and oversized lengths.
    std::string lying = header;
    lying[13] = '\x7f';  // remark length high byte
    RemotingCommand out;
    CHECK_FALSE(decode_binary_header(lying, out).ok());
    lying = header;
    lying[13] = '\xff';
    CHECK_FALSE(decode_binary_header(lying, out).ok());
}

TEST_CASE("empty binary values decode as absent, as in Java") {
    RemotingCommand cmd = RemotingCommand::request(34);
    cmd.serialize_type = SerializeType::ROCKETMQ;
    auto& ext = cmd.ext_fields.emplace();
    ext.set("empty", "");
    ext.set("k", "v");
    auto back = decode_frame_bytes(encode_frame(cmd));
    REQUIRE(back.ok());
    CHECK(back->ext("empty") == nullptr);
    CHECK(*back->ext("k") == "v");
}
