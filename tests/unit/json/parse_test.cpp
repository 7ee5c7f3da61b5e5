#include "json/parse.hpp"

#include <string>

#include "catch.hpp"
#include "json/write.hpp"

using namespace rmq::json;

namespace {
Value parse_ok(std::string_view text) {
    auto r = parse(text);
    INFO(std::string(text) + " -> " + (r.ok() ? std::string("ok") : r.error().message));
    REQUIRE(r.ok());
    return std::move(r).value();
}

rmq::common::Error parse_error(std::string_view text) {
    auto r = parse(text);
    INFO(std::string(text));
    REQUIRE(!r.ok());
    return r.error();
}
}  // namespace

TEST_CASE("standard JSON parses into an ordered DOM") {
    auto v = parse_ok(R"( {"b":1,"a":[true,false,null,"x",-2.5],"c":{}} )");
    REQUIRE(v.is_object());
    const auto& members = *v.if_object();
    REQUIRE(members.size() == 3);
    CHECK(members[0].key == "b");  // insertion order, not sorted
    CHECK(members[1].key == "a");
    CHECK(members[2].key == "c");
    CHECK(*v.find("b")->if_int() == 1);
    const auto& a = *v.find("a")->if_array();
    REQUIRE(a.size() == 5);
    CHECK(*a[0].if_bool() == true);
    CHECK(*a[1].if_bool() == false);
    CHECK(a[2].is_null());
    CHECK(*a[3].if_string() == "x");
    CHECK(*a[4].if_real() == -2.5);
    CHECK(v.find("c")->if_object()->empty());
    CHECK(v.find("missing") == nullptr);
}

TEST_CASE("unquoted integer keys, as fastjson writes Integer map keys, are bare keys") {
    auto v = parse_ok("{0:250,1:248,-1:7,007:3\n\t\t}");
    const auto& members = *v.if_object();
    REQUIRE(members.size() == 4);
    CHECK(members[0].key == "0");
    CHECK(members[0].key_style == KeyStyle::bare);
    CHECK(*members[0].value.if_int() == 250);
    CHECK(members[2].key == "-1");
    CHECK(members[3].key == "7");  // the key is the Integer 7, as Java reads it
    CHECK(write(v) == "{0:250,1:248,-1:7,7:3}");
}

TEST_CASE("a bare key with a real-number suffix keeps its text, so it reads back the same") {
    // Found by fuzz_json_lenient: "03F" used to come back as "03", which reads as the key "3".
    auto v = parse_ok("{03F:1,1.D:2,3L:3}");
    const auto& members = *v.if_object();
    REQUIRE(members.size() == 3);
    CHECK(members[0].key == "03F");
    CHECK(members[1].key == "1.D");
    CHECK(members[2].key == "3");  // an integer suffix: the Integer's text
    CHECK(write(v) == "{03F:1,1.D:2,3:3}");
    CHECK(parse_ok(write(v)) == v);
}

TEST_CASE("identifier keys read as strings, object keys keep their JSON text") {
    auto v = parse_ok(R"({name:"x",_a$1:2,{"brokerName":"b", "queueId":0}:5,[1]:6})");
    const auto& members = *v.if_object();
    REQUIRE(members.size() == 4);
    CHECK(members[0].key == "name");
    CHECK(members[0].key_style == KeyStyle::quoted);
    CHECK(members[1].key == "_a$1");
    CHECK(members[2].key == R"({"brokerName":"b","queueId":0})");
    CHECK(members[2].key_style == KeyStyle::bare);
    CHECK(members[3].key == "[1]");
    CHECK(write(v) == R"({"name":"x","_a$1":2,{"brokerName":"b","queueId":0}:5,[1]:6})");
}

TEST_CASE("single-quoted strings and keys") {
    auto v = parse_ok(R"({'a':'it\'s "quoted"'})");
    CHECK(*v.find("a")->if_string() == "it's \"quoted\"");
}

TEST_CASE("arbitrary and trailing commas are tolerated") {
    CHECK(write(parse_ok(R"({"a":1,})")) == R"({"a":1})");
    CHECK(write(parse_ok(R"({,,"a":1,,"b":2,})")) == R"({"a":1,"b":2})");
    CHECK(write(parse_ok("[1,2,]")) == "[1,2]");
    CHECK(write(parse_ok("[,1,,2,,]")) == "[1,2]");
    CHECK(write(parse_ok("[,]")) == "[]");
}

TEST_CASE("comments, fastjson's whitespace and a UTF-8 BOM are skipped") {
    auto v = parse_ok("\xEF\xBB\xBF// header\n{/* a */\"a\":\f1\b}// end");
    CHECK(*v.find("a")->if_int() == 1);
}

TEST_CASE("numbers: int64 when integral and in range, double otherwise") {
    CHECK(*parse_ok("9223372036854775807").if_int() == INT64_MAX);
    CHECK(*parse_ok("-9223372036854775808").if_int() == INT64_MIN);
    CHECK(*parse_ok("-0").if_int() == 0);
    CHECK(*parse_ok("0012").if_int() == 12);
    // Beyond int64: kept as a double (fastjson would make a BigInteger).
    auto big = parse_ok("9223372036854775808");
    REQUIRE(big.is_real());
    CHECK(*big.if_real() == 9223372036854775808.0);
    CHECK(*parse_ok("1.5").if_real() == 1.5);
    CHECK(*parse_ok("1.0").if_real() == 1.0);  // 1.0 is a BigDecimal in Java, not an Integer
    CHECK(*parse_ok("1e3").if_real() == 1000.0);
    CHECK(*parse_ok("-2.5E-3").if_real() == -0.0025);
    CHECK(*parse_ok("1.").if_real() == 1.0);
    // Java type suffixes.
    CHECK(*parse_ok("12L").if_int() == 12);
    CHECK(*parse_ok("3S").if_int() == 3);
    CHECK(*parse_ok("1.5F").if_real() == 1.5);
    CHECK(*parse_ok("2D").if_real() == 2.0);
}

TEST_CASE("escapes: JSON's, fastjson's extras, u-escapes with surrogate pairs") {
    auto s = [](std::string_view text) { return *parse_ok(text).if_string(); };
    CHECK(s(R"("a\"b\\c\/d\b\f\n\r\t")") == "a\"b\\c/d\b\f\n\r\t");
    CHECK(s(R"("\u00e9\u00E9")") == "\xC3\xA9\xC3\xA9");
    CHECK(s(R"("\u2713")") == "\xE2\x9C\x93");
    CHECK(s(R"("\ud83d\ude00")") == "\xF0\x9F\x98\x80");  // U+1F600 from a surrogate pair
    CHECK(s(R"("\ud83dx")") == "\xEF\xBF\xBDx");          // lone high surrogate
    CHECK(s(R"("\ude00")") == "\xEF\xBF\xBD");            // lone low surrogate
    CHECK(s(R"("\ud83d\u0041")") == "\xEF\xBF\xBD" "A");   // high surrogate then a non-low
    CHECK(s(R"("\x41\v\0\7\'\F")") == std::string("A\v\0\7'\f", 6));
    CHECK(s(std::string_view("\"raw\x01\ttab\"")) == "raw\x01\ttab");
}

TEST_CASE("UTF-8 passes through byte for byte, in strings and in bare keys") {
    auto v = parse_ok("{\"主题\":\"é✓\xF0\x9F\x98\x80\",键:1}");
    const auto& members = *v.if_object();
    CHECK(members[0].key == "主题");
    CHECK(*members[0].value.if_string() == "é✓\xF0\x9F\x98\x80");
    CHECK(members[1].key == "键");
}

TEST_CASE("literals: true, false, null, and fastjson's undefined") {
    CHECK(*parse_ok("true").if_bool());
    CHECK(!*parse_ok("false").if_bool());
    CHECK(parse_ok("null").is_null());
    CHECK(parse_ok("undefined").is_null());
}

TEST_CASE("a duplicate key keeps its first place and takes the last value, like Map.put") {
    auto v = parse_ok(R"({"a":1,"b":2,"a":3})");
    CHECK(write(v) == R"({"a":3,"b":2})");
    // Large objects take the hashed path.
    std::string text = "{";
    for (int i = 0; i < 40; ++i)
        text += "\"k" + std::to_string(i) + "\":" + std::to_string(i) + ",";
    text += "\"k5\":99}";
    auto big = parse_ok(text);
    REQUIRE(big.if_object()->size() == 40);
    CHECK((*big.if_object())[5].key == "k5");
    CHECK(*(*big.if_object())[5].value.if_int() == 99);
}

TEST_CASE("errors carry the byte position and never throw") {
    CHECK(parse_error(R"({"a":})").message.ends_with(" at byte 5"));
    CHECK(parse_error(R"({"a":})").message == "unexpected character at byte 5");
    CHECK(parse_error("").message == "empty document at byte 0");
    CHECK(parse_error("  /* c */ ").message.starts_with("empty document"));
    CHECK(parse_error(R"({"a" 1})").message.ends_with(" at byte 5"));
    CHECK(parse_error(R"({"a":1 "b":2})").message.ends_with(" at byte 7"));
    CHECK(parse_error("[1 2]").message.ends_with(" at byte 3"));
    CHECK(parse_error(R"({"a":"abc)").message.starts_with("unterminated string"));
    CHECK(parse_error(R"({"a":1}x)").message == "unexpected text after the document at byte 7");
    CHECK(parse_error(R"("\q")").message.ends_with(" at byte 2"));
    CHECK(parse_error(R"("\u12G4")").message.starts_with("invalid \\u escape"));
    CHECK(parse_error(R"({"a":abc})").message.starts_with("unexpected word"));
    CHECK(parse_error("1e999").message.starts_with("number out of range"));
    CHECK(parse_error("1e999").code == errc::number_out_of_range);
    CHECK(parse_error("[1 2]").code == errc::syntax);
    CHECK(parse_error("-x").message.starts_with("malformed number"));
    CHECK(parse_error("{").message.starts_with("unexpected end of input"));
    CHECK(parse_error("[1,").message.starts_with("unexpected end of input"));
    CHECK(parse_error("/* open").message.starts_with("unterminated comment"));
    CHECK(parse_error("{:1}").message.starts_with("expected a property name"));
}

TEST_CASE("nesting is limited to 512 levels, like fastjson") {
    std::string ok(512, '[');
    ok.append(512, ']');
    CHECK(parse(ok).ok());
    std::string too_deep(513, '[');
    too_deep.append(513, ']');
    auto r = parse(too_deep);
    REQUIRE(!r.ok());
    CHECK(r.error().message.starts_with("nesting deeper than 512 levels"));
    CHECK(r.error().code == errc::too_deep);
    std::string objects;
    for (int i = 0; i < 100000; ++i)
        objects += "{\"a\":";
    CHECK(!parse(objects).ok());
}
