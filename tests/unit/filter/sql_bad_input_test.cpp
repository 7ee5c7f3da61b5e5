// A selector that does not compile gets an error naming where and why; any input compiles or
// fails in bounded time and stack.
#include <string>

#include "catch.hpp"
#include "filter/sql_expression.hpp"

using namespace rmq::filter::sql;

namespace {

CompileError error_of(const std::string& expression) {
    auto compiled = compile(expression);
    REQUIRE_FALSE(compiled);
    return compiled.error();
}

}  // namespace

TEST_CASE("a compile error names its position and problem") {
    auto e = error_of("a = 1 AND b >");
    CHECK(e.position == 13);
    CHECK(e.describe() == "Invalid MessageSelector at position 13: expected a value, a property or "
                          "'(', found the end of the expression");

    e = error_of("a = 'open");
    CHECK(e.position == 4);
    CHECK(e.message.find("not closed") != std::string::npos);

    e = error_of("a = NULL");
    CHECK(e.message.find("IS NULL") != std::string::npos);

    e = error_of("a BETWEEN 5 AND 1");
    CHECK(e.message.find("lower bound") != std::string::npos);

    e = error_of("a ! 1");
    CHECK(e.position == 2);
}

TEST_CASE("100,000 levels of nesting are refused, not recursed into") {
    for (const std::string_view open : {"(", "NOT ", "-", "+"}) {
        std::string deep;
        for (int i = 0; i < 100000; ++i)
            deep.append(open);
        deep += "a = 1";
        if (open == "(") deep += std::string(100000, ')');
        const auto e = error_of(deep);
        CHECK(e.message.find("nested deeper than") != std::string::npos);
    }
    std::string chained = "a";
    for (int i = 0; i < 100000; ++i)
        chained += " = a";
    CHECK(error_of(chained).message.find("nested deeper than") != std::string::npos);
}

TEST_CASE("nesting up to the limit compiles and evaluates") {
    std::string expression;
    const int levels = kMaxDepth - 5;
    for (int i = 0; i < levels; ++i)
        expression += "(";
    expression += "a IS NULL";
    expression += std::string(levels, ')');
    auto compiled = compile(expression);
    REQUIRE(compiled);
    struct None final : PropertySource {
        std::optional<std::string_view> find(std::string_view) const override { return {}; }
    };
    CHECK(compiled->matches(None{}));
}

TEST_CASE("bytes of every value compile or fail without crashing") {
    std::string all;
    for (int c = 0; c < 256; ++c)
        all.push_back(static_cast<char>(c));
    (void)compile(all);
    (void)compile(std::string("a = '\0'", 7));
    (void)compile(std::string(1, '\0'));
    SUCCEED();
}
