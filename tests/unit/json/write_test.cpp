#include "json/write.hpp"

#include <cmath>
#include <limits>

#include "catch.hpp"
#include "json/parse.hpp"

using namespace rmq::json;

namespace {
std::string java_double(double d) {
    std::string out;
    append_java_double(out, d);
    return out;
}

// {"offsetTable":{"T@G":{0:1,1:2}},"list":[1,{"a":true}],"empty":{},"none":[]}
Value sample() {
    Value offsets;
    offsets.set("0", 1, KeyStyle::bare);
    offsets.set("1", 2, KeyStyle::bare);
    Value table;
    table.set("T@G", std::move(offsets));
    Value item;
    item.set("a", true);
    Value list;
    list.push_back(1);
    list.push_back(std::move(item));
    Value root;
    root.set("offsetTable", std::move(table));
    root.set("list", std::move(list));
    root.set("empty", Value::object());
    root.set("none", Value::array());
    return root;
}
}  // namespace

TEST_CASE("compact output is fastjson's default: no spaces, bare keys unquoted") {
    CHECK(write(sample())
          == R"({"offsetTable":{"T@G":{0:1,1:2}},"list":[1,{"a":true}],"empty":{},"none":[]})");
}

TEST_CASE("pretty output is fastjson's PrettyFormat: tabs, bare keys stay on the line") {
    CHECK(write(sample(), Format::pretty)
          == "{\n"
             "\t\"offsetTable\":{\n"
             "\t\t\"T@G\":{0:1,1:2\n"
             "\t\t}\n"
             "\t},\n"
             "\t\"list\":[\n"
             "\t\t1,\n"
             "\t\t{\n"
             "\t\t\t\"a\":true\n"
             "\t\t}\n"
             "\t],\n"
             "\t\"empty\":{},\n"
             "\t\"none\":[]\n"
             "}");
}

TEST_CASE("null members are left out, as fastjson does by default, null elements stay") {
    Value v;
    v.set("a", nullptr);
    v.set("b", 1);
    v.set("c", Value());
    CHECK(write(v) == R"({"b":1})");
    Value only_null;
    only_null.set("a", nullptr);
    CHECK(write(only_null) == "{}");
    // MapSerializer still breaks the line before '}' because the map is not empty.
    CHECK(write(only_null, Format::pretty) == "{\n}");
    Value list;
    list.push_back(nullptr);
    CHECK(write(list) == "[null]");
}

TEST_CASE("set() replaces a member in place, find() sees it") {
    Value v;
    v.set("a", 1);
    v.set("b", 2);
    v.set("a", 3);
    CHECK(write(v) == R"({"a":3,"b":2})");
    REQUIRE(v.find("a") != nullptr);
    CHECK(*v.find("a")->if_int() == 3);
}

TEST_CASE("doubles are written like Java's Double.toString") {
    CHECK(java_double(0.0) == "0.0");
    CHECK(java_double(-0.0) == "-0.0");
    CHECK(java_double(1.0) == "1.0");
    CHECK(java_double(1.5) == "1.5");
    CHECK(java_double(-2.25) == "-2.25");
    CHECK(java_double(100.0) == "100.0");
    CHECK(java_double(0.1) == "0.1");
    CHECK(java_double(0.001) == "0.001");
    CHECK(java_double(0.0001) == "1.0E-4");
    CHECK(java_double(1234567.0) == "1234567.0");
    CHECK(java_double(1e7) == "1.0E7");
    CHECK(java_double(12345678.9) == "1.23456789E7");
    CHECK(java_double(1e20) == "1.0E20");
    CHECK(java_double(1.5e-5) == "1.5E-5");
    CHECK(java_double(1e-300) == "1.0E-300");
    CHECK(java_double(std::numeric_limits<double>::max()) == "1.7976931348623157E308");
    CHECK(java_double(4.9e-324) == "4.9E-324");
    // One after another (the exponent was once read past its end, fuzz finding).
    CHECK(write(*parse("[1e308,-0,1.5E-5,0.001]")) == "[1.0E308,0,1.5E-5,0.001]");
    CHECK(write(Value(std::nan(""))) == "null");
    CHECK(write(Value(std::numeric_limits<double>::infinity())) == "null");
}

TEST_CASE("integers are written as plain decimals, bools as true/false") {
    CHECK(write(Value(INT64_MIN)) == "-9223372036854775808");
    CHECK(write(Value(int32_t{-5})) == "-5");
    CHECK(write(Value(false)) == "false");
    CHECK(write(Value("s")) == R"("s")");
}

TEST_CASE("write then parse gives back the same document") {
    const Value original = sample();
    for (Format f : {Format::compact, Format::pretty}) {
        auto back = parse(write(original, f));
        REQUIRE(back.ok());
        CHECK(*back == original);
    }
}

TEST_CASE("browser_compatible is compact with every key quoted and BrowserCompatible escapes") {
    CHECK(write(sample(), Format::browser_compatible)
          == R"({"offsetTable":{"T@G":{"0":1,"1":2}},"list":[1,{"a":true}],"empty":{},"none":[]})");
    Value v;
    v.set("k/é", "a/b\x7F\xE2\x80\xA8");
    v.set("{\"q\":1}", 1, KeyStyle::bare);  // an object key becomes a string
    CHECK(write(v, Format::browser_compatible)
          == R"({"k\/\u00E9":"a\/b\u007F\u2028","{\"q\":1}":1})");
    // The default writer leaves '/' and non-ASCII above U+00A0 raw.
    Value plain;
    plain.set("k/\xC3\xA9", "a/b\x7F");
    CHECK(write(plain) == "{\"k/\xC3\xA9\":\"a/b\\u007F\"}");
}
