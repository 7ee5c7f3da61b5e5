// The SQL92 selector answers as Apache RocketMQ 4.9.8 does: every case of the table its own
// filter answered (NULL, type-mismatch, precedence and parsing quirks), plus 5.x's text
// operators and the raw stored form of properties.
#include <string>

#include "catch.hpp"
#include "filter/sql_expression.hpp"
#include "sql_cases.hpp"

using namespace rmq::filter::sql;
using rmq::test::MapProperties;

namespace {

std::string answer(const std::string& expression, const PropertySource& properties) {
    auto compiled = compile(expression);
    if (!compiled) return "PARSE_ERROR";
    return std::string(to_string(compiled->evaluate(properties)));
}

MapProperties props(std::initializer_list<std::pair<const std::string, std::string>> values) {
    MapProperties p;
    p.values.insert(values.begin(), values.end());
    return p;
}

}  // namespace

TEST_CASE("every case of 4.9.8's table gets 4.9.8's answer") {
    const auto cases = rmq::test::load_sql_cases(RMQ_SQL_CASES);
    REQUIRE(cases.size() > 150);
    for (const auto& c : cases) {
        INFO(c.line);
        CHECK(answer(c.expression, c.properties) == c.expected);
    }
}

TEST_CASE("only TRUE matches") {
    auto e = compile("a > 5");
    REQUIRE(e);
    CHECK(e->matches(props({{"a", "6"}})));
    CHECK_FALSE(e->matches(props({{"a", "5"}})));
    CHECK_FALSE(e->matches(props({})));            // NULL
    CHECK_FALSE(e->matches(props({{"a", "x"}})));  // an evaluation error
}

TEST_CASE("5.x's CONTAINS, STARTSWITH and ENDSWITH, and their NOT forms") {
    const auto abc = props({{"a", "abc"}});
    CHECK(answer("a CONTAINS 'b'", abc) == "TRUE");
    CHECK(answer("a CONTAINS 'x'", abc) == "FALSE");
    CHECK(answer("a NOT CONTAINS 'x'", abc) == "TRUE");
    CHECK(answer("a STARTSWITH 'ab'", abc) == "TRUE");
    CHECK(answer("a NOT STARTSWITH 'ab'", abc) == "FALSE");
    CHECK(answer("a ENDSWITH 'bc'", abc) == "TRUE");
    CHECK(answer("a endswith 'x'", abc) == "FALSE");
    // A missing property or an empty search text never matches, negated or not.
    CHECK(answer("b CONTAINS 'x'", abc) == "FALSE");
    CHECK(answer("b NOT CONTAINS 'x'", abc) == "FALSE");
    CHECK(answer("a CONTAINS ''", abc) == "FALSE");
    CHECK(answer("a CONTAINS b", abc) == "PARSE_ERROR");
}

TEST_CASE("properties are read in their stored form, a later duplicate winning") {
    const std::string raw = std::string("TAGS\x01TagA\x02") + "price\x01" "12\x02price\x01" "30";
    RawProperties stored(raw);
    CHECK(answer("TAGS = 'TagA' AND price > 20", stored) == "TRUE");
    CHECK(answer("price < 20", stored) == "FALSE");
    CHECK(answer("missing IS NULL", stored) == "TRUE");
}

TEST_CASE("long AND / OR chains and IN lists evaluate without depth") {
    std::string chain = "a = 0";
    for (int i = 1; i < 50000; ++i)
        chain += " OR a = " + std::to_string(i);
    auto e = compile(chain);
    REQUIRE(e);
    CHECK(e->matches(props({{"a", "49999"}})));
    CHECK_FALSE(e->matches(props({{"a", "50000"}})));

    std::string in = "a IN ('0'";
    for (int i = 1; i < 10000; ++i)
        in += ", '" + std::to_string(i) + "'";
    e = compile(in + ")");
    REQUIRE(e);
    CHECK(e->matches(props({{"a", "9999"}})));
    CHECK_FALSE(e->matches(props({{"a", "10000"}})));
}
