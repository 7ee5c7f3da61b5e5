#include <filesystem>
#include <fstream>
#include <string>

#include "catch.hpp"
#include "config/properties_file.hpp"

using namespace rmq::config;

namespace {

std::vector<Property> parse_ok(std::string_view text) {
    auto r = parse_properties(text);
    INFO(std::string(text));
    REQUIRE(r.ok());
    return std::move(r).value();
}

}  // namespace

TEST_CASE("properties: the three separators and whitespace around them") {
    auto p = parse_ok("a=1\nb:2\nc 3\n  d  =  4\ne\t:\t5\nf = = 6\ng\n");
    REQUIRE(p.size() == 7);
    CHECK(p[0].key == "a");
    CHECK(p[0].value == "1");
    CHECK(p[1].key == "b");
    CHECK(p[1].value == "2");
    CHECK(p[2].key == "c");
    CHECK(p[2].value == "3");
    CHECK(p[3].key == "d");
    CHECK(p[3].value == "4");
    CHECK(p[4].key == "e");
    CHECK(p[4].value == "5");
    // Only the first separator is consumed; the second '=' starts the value.
    CHECK(p[5].key == "f");
    CHECK(p[5].value == "= 6");
    CHECK(p[6].key == "g");
    CHECK(p[6].value.empty());
}

TEST_CASE("properties: a whitespace separator may be followed by one = or :") {
    auto p = parse_ok("key   :   value\nk2 v2 v3\n");
    REQUIRE(p.size() == 2);
    CHECK(p[0].key == "key");
    CHECK(p[0].value == "value");
    CHECK(p[1].key == "k2");
    CHECK(p[1].value == "v2 v3");
}

TEST_CASE("properties: comments, blank lines and line numbers") {
    auto p = parse_ok("# comment\n! also a comment\n\n   \n  # indented comment\na=1\n\n b = 2\n");
    REQUIRE(p.size() == 2);
    CHECK(p[0].key == "a");
    CHECK(p[0].line == 6);
    CHECK(p[1].key == "b");
    CHECK(p[1].line == 8);
    // '#' inside a value is not a comment.
    auto q = parse_ok("a=1 # not a comment\n");
    CHECK(q[0].value == "1 # not a comment");
}

TEST_CASE("properties: trailing whitespace of a value is kept") {
    auto p = parse_ok("a=1  \nb = x\t\n");
    CHECK(p[0].value == "1  ");
    CHECK(p[1].value == "x\t");
}

TEST_CASE("properties: backslash continuation lines") {
    auto p = parse_ok("a=one, \\\n    two, \\\n\tthree\nb=2\n");
    REQUIRE(p.size() == 2);
    CHECK(p[0].value == "one, two, three");
    CHECK(p[0].line == 1);
    CHECK(p[1].line == 4);
    // An even number of backslashes is not a continuation.
    auto q = parse_ok("a=x\\\\\nb=y\n");
    REQUIRE(q.size() == 2);
    CHECK(q[0].value == "x\\");
    // A continuation line starting with '#' is not a comment.
    auto r = parse_ok("a=1\\\n#2\n");
    REQUIRE(r.size() == 1);
    CHECK(r[0].value == "1#2");
    // A comment ending in a backslash does not continue.
    auto s = parse_ok("# c \\\nb=1\n");
    REQUIRE(s.size() == 1);
    CHECK(s[0].key == "b");
    // Continuation onto a blank line ends the logical line.
    auto t = parse_ok("a=1\\\n\nb=2\n");
    REQUIRE(t.size() == 2);
    CHECK(t[0].value == "1");
    // A trailing backslash at end of input is dropped.
    auto u = parse_ok("a=1\\");
    CHECK(u[0].value == "1");
}

TEST_CASE("properties: CR and CRLF line ends") {
    auto p = parse_ok("a=1\r\nb=2\rc=3\\\r\n  4\r\n");
    REQUIRE(p.size() == 3);
    CHECK(p[0].value == "1");
    CHECK(p[1].value == "2");
    CHECK(p[2].value == "34");
    CHECK(p[2].line == 3);
}

TEST_CASE("properties: escapes in keys and values") {
    auto p = parse_ok("a\\=b\\:c\\ d=x\\ty\\nz\\r\\f\\\\\\q\n");
    REQUIRE(p.size() == 1);
    CHECK(p[0].key == "a=b:c d");
    CHECK(p[0].value == "x\ty\nz\r\f\\q");
    auto u = parse_ok("k=\\u0041\\u00e9\\u4e2d\\uD83D\\uDE00\n");
    CHECK(u[0].value == "A\xC3\xA9\xE4\xB8\xAD\xF0\x9F\x98\x80");
    // A lone surrogate becomes U+FFFD.
    auto lone = parse_ok("k=\\uD800x\n");
    CHECK(lone[0].value == "\xEF\xBF\xBDx");
}

TEST_CASE("properties: a malformed u-escape is an error naming the line") {
    auto r = parse_properties("a=1\nb=\\u12G4\n");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message.find("line 2") != std::string::npos);
    CHECK_FALSE(parse_properties("a=\\u12").ok());
}

TEST_CASE("properties: bytes are ISO-8859-1") {
    // 0xE9 is é in Latin-1; a UTF-8 é (C3 A9) reads as two characters, as in Java.
    auto p = parse_ok("name=caf\xE9\nu=\xC3\xA9\n");
    CHECK(p[0].value == "caf\xC3\xA9");
    CHECK(p[1].value == "\xC3\x83\xC2\xA9");
}

TEST_CASE("properties: duplicates are all kept in order") {
    auto p = parse_ok("a=1\na=2\n");
    REQUIRE(p.size() == 2);
    CHECK(p[1].value == "2");
}

TEST_CASE("properties: write_properties escapes as Properties.store and reads back") {
    std::vector<std::pair<std::string, std::string>> entries = {
        {"plain", "value"},
        {"key with space", " leading and inner space "},
        {"sep=:#!", "a=b:c#d!e\\f"},
        {"ctl", "tab\there\nnew\rret\fff"},
        {"uni", "caf\xC3\xA9 \xE4\xB8\xAD \xF0\x9F\x98\x80"},
        {"empty", ""},
    };
    std::string text = write_properties(entries, "comment");
    CHECK(text.starts_with("#comment\n"));
    CHECK(text.find("plain=value\n") != std::string::npos);
    CHECK(text.find("key\\ with\\ space=\\ leading and inner space \n") != std::string::npos);
    CHECK(text.find("sep\\=\\:\\#\\!=a\\=b\\:c\\#d\\!e\\\\f\n") != std::string::npos);
    CHECK(text.find("ctl=tab\\there\\nnew\\rret\\fff\n") != std::string::npos);
    CHECK(text.find("uni=caf\\u00E9 \\u4E2D \\uD83D\\uDE00\n") != std::string::npos);
    for (char c : text)
        CHECK(static_cast<unsigned char>(c) < 0x80);
    auto back = parse_ok(text);
    REQUIRE(back.size() == entries.size());
    for (size_t i = 0; i < entries.size(); ++i) {
        CHECK(back[i].key == entries[i].first);
        CHECK(back[i].value == entries[i].second);
    }
}

TEST_CASE("properties: load_properties_file names the file") {
    auto missing = load_properties_file("/nonexistent/dir/x.properties");
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().message.find("/nonexistent/dir/x.properties") != std::string::npos);

    auto path = std::filesystem::temp_directory_path() / "rmq_config_bad_escape.properties";
    { std::ofstream(path) << "a=1\n\nb=\\uZZZZ\n"; }
    auto bad = load_properties_file(path);
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().message.find(path.string()) != std::string::npos);
    CHECK(bad.error().message.find("line 3") != std::string::npos);
    std::filesystem::remove(path);
}
