// Java's String-to-number rules, which decide how a property's text compares with a literal.
#include "sql/java_numbers.hpp"

#include <cmath>

#include "catch.hpp"

using namespace rmq::filter::sql;

TEST_CASE("Integer.valueOf and Long.valueOf") {
    CHECK(java_parse_int("42") == 42);
    CHECK(java_parse_int("+42") == 42);
    CHECK(java_parse_int("-2147483648") == INT32_MIN);
    CHECK_FALSE(java_parse_int("2147483648"));
    CHECK_FALSE(java_parse_int(" 1"));
    CHECK_FALSE(java_parse_int("1.0"));
    CHECK_FALSE(java_parse_int(""));
    CHECK_FALSE(java_parse_int("-"));
    CHECK(java_parse_long("-9223372036854775808") == INT64_MIN);
    CHECK_FALSE(java_parse_long("9223372036854775808"));
}

TEST_CASE("Double.valueOf") {
    CHECK(java_parse_double(" 1.5 ") == 1.5);
    CHECK(java_parse_double("1.") == 1.0);
    CHECK(java_parse_double(".5") == 0.5);
    CHECK(java_parse_double("1e3") == 1000.0);
    CHECK(java_parse_double("2.5f") == 2.5);
    CHECK(java_parse_double("-0x1.8p1") == -3.0);
    CHECK(java_parse_double("1e400") == HUGE_VAL);
    CHECK(java_parse_double("1e-400") == 0.0);
    CHECK(std::isnan(*java_parse_double("NaN")));
    CHECK(java_parse_double("-Infinity") == -HUGE_VAL);
    CHECK_FALSE(java_parse_double("."));
    CHECK_FALSE(java_parse_double("1e"));
    CHECK_FALSE(java_parse_double("0x1.8"));  // a hexadecimal float needs its exponent
    CHECK_FALSE(java_parse_double("inf"));
    CHECK_FALSE(java_parse_double("1_000"));
}

TEST_CASE("Boolean.valueOf and Double.compare") {
    CHECK(java_parse_boolean("TrUe"));
    CHECK_FALSE(java_parse_boolean("yes"));
    CHECK(java_double_compare(-0.0, 0.0) < 0);
    CHECK(java_double_compare(NAN, HUGE_VAL) > 0);
    CHECK(java_double_compare(NAN, NAN) == 0);
    CHECK(java_double_equals(NAN, NAN));
    CHECK_FALSE(java_double_equals(0.0, -0.0));
}
