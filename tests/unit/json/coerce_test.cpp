#include "json/coerce.hpp"

#include "catch.hpp"
#include "json/parse.hpp"

using namespace rmq::json;

TEST_CASE("numbers bind from numeric strings and reals, as fastjson's TypeUtils does") {
    CHECK(to_int64(Value(5)) == 5);
    CHECK(to_int64(Value("1700000000000")) == 1700000000000);  // the C++ client's subVersion
    CHECK(to_int64(Value("+7")) == 7);
    CHECK(to_int64(Value("1,024")) == 1024);
    CHECK(to_int64(Value(2.9)) == 2);
    CHECK(to_int64(Value("-2.9")) == -2);
    CHECK(to_int64(Value("abc")) == std::nullopt);
    CHECK(to_int64(Value(1e30)) == std::nullopt);
    CHECK(to_int64(Value()) == std::nullopt);
    CHECK(to_int64(Value(true)) == std::nullopt);
}

TEST_CASE("booleans bind from numbers and the strings castToBoolean knows") {
    CHECK(to_bool(Value(true)) == true);
    CHECK(to_bool(Value(1)) == true);
    CHECK(to_bool(Value(0)) == false);
    CHECK(to_bool(Value(2)) == false);
    CHECK(to_bool(Value("TRUE")) == true);
    CHECK(to_bool(Value("false")) == false);
    CHECK(to_bool(Value("1")) == true);
    CHECK(to_bool(Value("N")) == false);
    CHECK(to_bool(Value("maybe")) == std::nullopt);
    CHECK(to_bool(Value()) == std::nullopt);
}

TEST_CASE("strings bind from any scalar, null-like strings are recognised") {
    CHECK(to_text(Value("x")) == "x");
    CHECK(to_text(Value(12)) == "12");
    CHECK(to_text(Value(1.5)) == "1.5");
    CHECK(to_text(Value(false)) == "false");
    CHECK(to_text(*parse(R"({"a":[1]})")) == R"({"a":[1]})");
    CHECK(to_text(Value()) == std::nullopt);
    CHECK(is_null_text(Value("")));
    CHECK(is_null_text(Value("null")));
    CHECK(is_null_text(Value("NULL")));
    CHECK(!is_null_text(Value("Null")));
    CHECK(!is_null_text(Value(0)));
}
