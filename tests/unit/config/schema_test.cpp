#include <string>

#include "catch.hpp"
#include "config/config_schema.hpp"

using namespace rmq::config;

TEST_CASE("schema: Java integer rules") {
    CHECK(parse_java_integer("0", INT32_MIN, INT32_MAX) == 0);
    CHECK(parse_java_integer("+42", INT32_MIN, INT32_MAX) == 42);
    CHECK(parse_java_integer("-2147483648", INT32_MIN, INT32_MAX) == INT32_MIN);
    CHECK(parse_java_integer("2147483647", INT32_MIN, INT32_MAX) == INT32_MAX);
    CHECK_FALSE(parse_java_integer("2147483648", INT32_MIN, INT32_MAX));
    CHECK(parse_java_integer("-9223372036854775808", INT64_MIN, INT64_MAX) == INT64_MIN);
    CHECK_FALSE(parse_java_integer("9223372036854775808", INT64_MIN, INT64_MAX));
    for (const char* bad : {"", "-", "+", " 1", "1 ", "1k", "0x10", "1.0", "1_000", "--1"})
        CHECK_FALSE(parse_java_integer(bad, INT64_MIN, INT64_MAX));
}

TEST_CASE("schema: double and bool rules") {
    CHECK(parse_java_double("0.85") == 0.85);
    CHECK(parse_java_double(" 1e3 ") == 1000.0);
    CHECK(parse_java_double("2d") == 2.0);
    CHECK_FALSE(parse_java_double("abc"));
    CHECK_FALSE(parse_java_double(""));
    CHECK(parse_strict_bool("true") == true);
    CHECK(parse_strict_bool("TRUE") == true);
    CHECK(parse_strict_bool("False") == false);
    CHECK_FALSE(parse_strict_bool("yes"));
    CHECK_FALSE(parse_strict_bool("1"));
    CHECK_FALSE(parse_strict_bool("true "));
    CHECK(format_double(0.9) == "0.9");
    CHECK(format_double(2.0) == "2.0");
}

namespace {

enum class Color { red, green };

struct A {
    int32_t port = 1;
    int64_t big = 2;
    bool flag = false;
    std::string name = "n";
    double ratio = 0.5;
    Color color = Color::red;
};
struct B {
    int32_t port = 7;
};

std::vector<Schema> schemas(A& a, B& b) {
    std::vector<Schema> s;
    Schema sa("A");
    sa.int32("port", &a.port, true)
        .int64("big", &a.big)
        .boolean("flag", &a.flag)
        .string("name", &a.name)
        .float64("ratio", &a.ratio)
        .enumeration("color", &a.color, {{"RED", Color::red}, {"GREEN", Color::green}});
    Schema sb("B");
    sb.int32("port", &b.port);
    s.push_back(std::move(sa));
    s.push_back(std::move(sb));
    return s;
}

}  // namespace

TEST_CASE("schema: values applied to every object knowing the key, unknown keys warned") {
    A a;
    B b;
    auto s = schemas(a, b);
    std::vector<Property> props = {
        {"port", "9000", 1},  {"big", "8589934592", 2}, {"flag", "TRUE", 3}, {"name", "x y ", 4},
        {"ratio", "0.25", 5}, {"color", "GREEN", 6},    {"mystery", "1", 7}, {"skipme", "1", 8}};
    auto r = apply_properties(s, props, {"f.properties", true}, {"skipme"});
    REQUIRE(r.ok());
    CHECK(a.port == 9000);
    CHECK(b.port == 9000);
    CHECK(a.big == 8589934592);
    CHECK(a.flag);
    CHECK(a.name == "x y ");
    CHECK(a.ratio == 0.25);
    CHECK(a.color == Color::green);
    REQUIRE(r->size() == 1);
    CHECK((*r)[0] == "f.properties:7: unknown key mystery ignored");
}

TEST_CASE("schema: malformed values name key, value, file and line") {
    A a;
    B b;
    auto s = schemas(a, b);
    auto check_error = [&](Property p, std::string expected) {
        auto r = apply_properties(s, {p}, {"broker.conf", true});
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().message == expected);
    };
    check_error({"port", "12a", 3},
                "broker.conf:3: invalid value \"12a\" for key port (expected a 32-bit integer)");
    check_error({"flag", "yes", 9},
                "broker.conf:9: invalid value \"yes\" for key flag (expected true or false)");
    check_error({"color", "green", 2},
                "broker.conf:2: invalid value \"green\" for key color (expected one of RED GREEN)");
    check_error({"ratio", "x", 1},
                "broker.conf:1: invalid value \"x\" for key ratio (expected a number)");
    auto r = apply_properties(s, {{"big", "1 ", 4}}, {"command line", false});
    REQUIRE_FALSE(r.ok());
    CHECK(
        r.error().message
        == "command line argument 4: invalid value \"1 \" for key big (expected a 64-bit integer)");
}

TEST_CASE("schema: print_config prints each key once, important_only filters") {
    A a;
    B b;
    auto s = schemas(a, b);
    CHECK(print_config(s) == "port=1\nbig=2\nflag=false\nname=n\nratio=0.5\ncolor=RED\n");
    CHECK(print_config(s, true) == "port=1\n");
    auto entries = config_entries(s);
    REQUIRE(entries.size() == 6);
    CHECK(entries[5] == std::pair<std::string, std::string>{"color", "RED"});
}
