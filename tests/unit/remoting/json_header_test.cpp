#include "catch.hpp"
#include "remoting/frame.hpp"
#include "remoting/header_codec.hpp"

using namespace rmq::remoting;

namespace {
RemotingCommand decode_json(std::string_view json) {
    RemotingCommand cmd;
    auto r = decode_json_header(json, cmd);
    INFO(json);
    REQUIRE(r.ok());
    return cmd;
}
}  // namespace

TEST_CASE("the JSON header is written exactly as Java 4.9.8 writes it (spec 10.1)") {
    RemotingCommand cmd = RemotingCommand::request(105);
    cmd.opaque = 1;
    cmd.ext_fields.emplace().set("topic", "TopicTest");
    std::string out;
    encode_json_header(cmd, out);
    CHECK(
        out
        == R"({"code":105,"extFields":{"topic":"TopicTest"},"flag":0,"language":"JAVA","opaque":1,"serializeTypeCurrentRPC":"JSON","version":409})");
    std::string frame = encode_frame(cmd);
    CHECK(frame.size() == 139);
    CHECK(frame.substr(0, 8) == std::string("\x00\x00\x00\x87\x00\x00\x00\x83", 8));
}

TEST_CASE("the unknown-code error response matches spec 10.4") {
    RemotingCommand req = RemotingCommand::request(9999);
    req.opaque = 7;
    auto resp = RemotingCommand::response_to(req, 3, " request type 9999 not supported");
    std::string out;
    encode_json_header(resp, out);
    CHECK(
        out
        == R"({"code":3,"flag":1,"language":"JAVA","opaque":7,"remark":" request type 9999 not supported","serializeTypeCurrentRPC":"JSON","version":409})");
}

TEST_CASE("decoding accepts the Go, C++ and ali-ons header variants") {
    // Go: struct order, remark "", no serializeTypeCurrentRPC.
    auto go = decode_json(
        R"({"code":10,"language":"GO","version":317,"opaque":5,"flag":0,"remark":"","extFields":{"topic":"T"}})");
    CHECK(go.code == 10);
    CHECK(go.language == LanguageCode::GO);
    CHECK(go.remark == "");
    CHECK(*go.ext("topic") == "T");
    // C++: numbers as JSON numbers, a trailing newline.
    auto cpp = decode_json(
        "{\"code\":310,\"extFields\":{\"AccessKey\":\"\",\"d\":4,\"e\":-1,\"k\":false,\"x\":1.5},"
        "\"flag\":0,\"language\":\"CPP\",\"opaque\":2,\"remark\":\"\",\"version\":333}\n");
    CHECK(*cpp.ext("d") == "4");
    CHECK(*cpp.ext("e") == "-1");
    CHECK(*cpp.ext("k") == "false");
    CHECK(*cpp.ext("x") == "1.5");
    CHECK(*cpp.ext("AccessKey") == "");
    // ali-ons: language JAVA, version 121, remark absent, booleans unquoted.
    auto ons = decode_json(
        R"(  {"code":11,"language":"JAVA","version":121,"opaque":3,"flag":0,"extFields":{"queueId":0,"k":true,"n":null}}  )");
    CHECK(*ons.ext("queueId") == "0");
    CHECK(*ons.ext("k") == "true");
    CHECK(ons.ext("n") == nullptr);
    CHECK_FALSE(ons.remark.has_value());
}

TEST_CASE("decoding tolerates odd but legal headers") {
    auto numeric_language = decode_json(R"({"code":1,"language":9})");
    CHECK(numeric_language.language == LanguageCode::GO);
    auto unknown_language = decode_json(R"({"code":1,"language":"KOTLIN","unknown":[1,2]})");
    CHECK(unknown_language.language == LanguageCode::OTHER);
    auto missing = decode_json(R"({})");
    CHECK(missing.code == 0);
    CHECK(missing.opaque == 0);
    CHECK_FALSE(missing.ext_fields.has_value());
    auto empty_ext = decode_json(R"({"code":0,"extFields":{}})");
    REQUIRE(empty_ext.ext_fields.has_value());
    CHECK(empty_ext.ext_fields->empty());
    auto string_code = decode_json(R"({"code":"105","opaque":"-4"})");
    CHECK(string_code.code == 105);
    CHECK(string_code.opaque == -4);
}

TEST_CASE("malformed JSON headers are errors, not exceptions") {
    for (std::string_view bad : {"", "{", "[]", "nul", R"({"code":"x"})", R"({"code":{}})",
                                 R"({"extFields":[1]})", "{\"code\":1}garbage"}) {
        RemotingCommand cmd;
        auto r = decode_json_header(bad, cmd);
        INFO(bad);
        CHECK_FALSE(r.ok());
        if (!r.ok()) CHECK(r.error().remark.find("malformed JSON header") == 0);
    }
}

TEST_CASE("a JSON header round-trips through encode and decode") {
    RemotingCommand cmd = RemotingCommand::request(310);
    cmd.opaque = 123456;
    cmd.flag = 2;
    cmd.language = LanguageCode::CPP;
    cmd.version = 333;
    cmd.remark = "r\x01\"";
    auto& ext = cmd.ext_fields.emplace();
    ext.set("b", "Topic");
    ext.set("a", "PG");
    ext.set("i", "KEYS\x01k\x02TAGS\x01é");
    std::string json;
    encode_json_header(cmd, json);
    auto back = decode_json(json);
    CHECK(back.code == 310);
    CHECK(back.opaque == 123456);
    CHECK(back.flag == 2);
    CHECK(back.language == LanguageCode::CPP);
    CHECK(back.version == 333);
    CHECK(back.remark == cmd.remark);
    CHECK(back.ext_fields == cmd.ext_fields);
}

TEST_CASE("a header larger than the shared parser's limit still decodes") {
    RemotingCommand cmd = RemotingCommand::request(103);
    cmd.remark = std::string(200 * 1024, 'r');
    cmd.ext_fields.emplace().set("brokerName", "broker-a");
    std::string json;
    encode_json_header(cmd, json);
    auto back = decode_json(json);
    CHECK(back.remark == cmd.remark);
    CHECK(*back.ext("brokerName") == "broker-a");
    auto small = decode_json(R"({"code":1})");  // the shared parser still works afterwards
    CHECK(small.code == 1);
}
