// The output helpers: JSON escaping (always valid JSON and UTF-8), base64, text formatting and
// command-line parsing.
#include <simdjson.h>

#include "catch.hpp"
#include "cli/base64.hpp"
#include "cli/command_line.hpp"
#include "cli/json_writer.hpp"
#include "cli/text_format.hpp"

using namespace rmq;
using namespace rmq::mqstore;

namespace {

std::string escaped(std::string_view text) {
    std::string out;
    append_json_escaped(out, text);
    return out;
}

/// Parses `"<escaped text>"` back, as any JSON reader would.
std::string round_trip(std::string_view text) {
    const std::string json = "\"" + escaped(text) + "\"";
    simdjson::dom::parser parser;
    std::string_view back;
    REQUIRE(parser.parse(json).get(back) == simdjson::SUCCESS);
    return std::string(back);
}

common::Expected<CommandLine, std::string> parse(std::vector<std::string_view> args) {
    return parse_command_line(args);
}

}  // namespace

TEST_CASE("JSON escaping matches the manifest's style and survives any bytes") {
    CHECK(escaped("TAGS\x01TagA\x02KEYS\x01k") == "TAGS\\u0001TagA\\u0002KEYS\\u0001k");
    CHECK(escaped("a\"b\\c\n\t") == "a\\\"b\\\\c\\n\\t");
    CHECK(escaped("非ASCII ü ✓ #0") == "非ASCII ü ✓ #0");       // valid UTF-8 stays as it is
    CHECK(escaped("\xff\xfe") == "\\ufffd\\ufffd");             // invalid bytes
    CHECK(escaped("\xed\xa0\x80") == "\\ufffd\\ufffd\\ufffd");  // an encoded surrogate
    CHECK(escaped("\xe2\x9c") == "\\ufffd\\ufffd");             // a sequence cut short
    CHECK(round_trip("x\x01y\"z\\") == "x\x01y\"z\\");
    std::string all_bytes;
    for (int c = 0; c < 256; ++c)
        all_bytes += static_cast<char>(c);
    CHECK_NOTHROW(round_trip(all_bytes));
}

TEST_CASE("JsonWriter places commas and nests objects and arrays") {
    std::string out;
    JsonWriter j(out);
    j.begin_object().field("a", int64_t{1}).key("b").begin_array();
    j.begin_object().field("c", "x").end_object().begin_object().end_object();
    j.end_array().field("d", true).end_object();
    CHECK(out == R"({"a":1,"b":[{"c":"x"},{}],"d":true})");
}

TEST_CASE("base64 with padding") {
    CHECK(base64_encode("") == "");
    CHECK(base64_encode("f") == "Zg==");
    CHECK(base64_encode("fo") == "Zm8=");
    CHECK(base64_encode("foo") == "Zm9v");
    CHECK(base64_encode("foobar") == "Zm9vYmFy");
    CHECK(base64_encode(std::string("\xff\x00\x80", 3)) == "/wCA");
}

TEST_CASE("text helpers") {
    CHECK(format_bytes(512) == "512 B");
    CHECK(format_bytes(2547665) == "2.4 MiB");
    CHECK(describe_sys_flag(0) == "0x0");
    CHECK(describe_sys_flag(0x301) == "0x301 (compressed, zlib)");
    CHECK(describe_sys_flag(0x8) == "0x8 (transaction commit)");
    CHECK(describe_sys_flag(0x34)
          == "0x34 (transaction prepared, born host IPv6, store host IPv6)");
    CHECK(is_printable_text("line 1\nété\t数据"));
    CHECK_FALSE(is_printable_text(std::string("a\0b", 3)));
    CHECK_FALSE(is_printable_text("\xc3"));
    CHECK(display_text("a\x01\xff") == "a\\x01\\xff");
    CHECK(format_time(0) == "-");
    CHECK(format_time(1795357040783).find(".783 ") != std::string::npos);
}

TEST_CASE("command-line parsing") {
    auto cl = parse({"print", "/s", "--topic", "T", "--queue=3", "--offset", "5", "--json"});
    REQUIRE(cl.ok());
    CHECK(cl->command == Command::print);
    CHECK(cl->dir == "/s");
    CHECK(cl->topic == "T");
    CHECK(cl->queue_id == 3);
    CHECK(cl->offset == 5);
    CHECK(cl->count == 32);
    CHECK(cl->json);

    cl = parse({"verify", "--index-slots", "64", "/s", "--cq-file-size=6000"});
    REQUIRE(cl.ok());
    CHECK(cl->geometry.index_slots == 64);
    CHECK(cl->geometry.cq_file_size == 6000);
    CHECK_FALSE(cl->geometry.commit_log_file_size.has_value());

    CHECK(parse({"info", "/s", "--help"})->command == Command::help);
    CHECK(parse({}).error() == "no command given");
    CHECK(parse({"dump", "/s"}).error() == "unknown command 'dump'");
    CHECK(parse({"info"}).error() == "no store directory given");
    CHECK(parse({"info", "/a", "/b"}).error() == "unexpected argument '/b' (DIR was given)");
    CHECK(parse({"info", "/s", "--topic", "T"}).error() == "unknown option '--topic' for info");
    CHECK(parse({"print", "/s", "--queue", "0"}).error() == "print needs --topic");
    CHECK(parse({"print", "/s", "--topic", "T"}).error() == "print needs --queue");
    CHECK(parse({"print", "/s", "--topic", "T", "--queue", "x"}).error()
          == "--queue: expected a queue id >= 0, got 'x'");
    CHECK(parse({"verify", "/s", "--cq-file-size", "6001"}).error()
          == "--cq-file-size: expected a multiple of 20 bytes, got '6001'");
    CHECK(parse({"verify", "/s", "--max-problems"}).error() == "--max-problems needs a value");
    CHECK(parse({"info", "/s", "--json=1"}).error() == "--json takes no value");
}
