#include "catch.hpp"
#include "json/write.hpp"

using rmq::json::append_json_string;

TEST_CASE("strings are escaped like fastjson: control characters as u00XX escapes, UTF-8 raw") {
    std::string out;
    append_json_string(out, std::string("TAGS\x01TagA\x02WAIT\x01true", 19));
    CHECK(out == R"("TAGS\u0001TagA\u0002WAIT\u0001true")");
    out.clear();
    append_json_string(out, "q\"b\\s\n\t\x1f\x0b\x7f é✓");
    CHECK(out == "\"q\\\"b\\\\s\\n\\t\\u001F\\u000B\\u007F é✓\"");
    out.clear();
    // U+0080..U+00A0 are escaped too; U+00A1 and beyond stay raw.
    append_json_string(out,
                       "\xc2\x80|\xc2\xa0|\xc2\xa1|\xc2"
                       "A");
    CHECK(out == "\"\\u0080|\\u00A0|\xc2\xa1|\xc2" "A\"");
}

TEST_CASE("'/' and a NUL byte are escaped the way fastjson does it") {
    std::string out;
    append_json_string(out, std::string("a/b\0c", 5));
    CHECK(out == R"("a/b\u0000c")");
}
