// Properties string parsing and encoding (spec/message-format.md §9).
#include "message/properties.hpp"

#include <string>

#include "catch.hpp"
#include "message/message.hpp"
#include "message/property_keys.hpp"
#include "message_test_support.hpp"

using namespace rmq::message;
using namespace std::string_literals;

namespace {

std::vector<std::pair<std::string, std::string>> entries(const Properties& p) {
    return {p.begin(), p.end()};
}

using Entries = std::vector<std::pair<std::string, std::string>>;

}  // namespace

TEST_CASE("spec §9 example", "[message][properties]") {
    const std::string bytes =
        rmq::test::hex_dump_to_bytes("4b 45 59 53 01 6b 31 02 54 41 47 53 01 54 61 67 41");
    Properties p = parse_properties(bytes);
    CHECK(entries(p) == Entries{{"KEYS", "k1"}, {"TAGS", "TagA"}});
    CHECK(encode_properties(p) == bytes);
    CHECK(encoded_properties_size(p) == bytes.size());
}

TEST_CASE("Java parse rules", "[message][properties]") {
    SECTION("empty input") {
        CHECK(parse_properties("").empty());
    }
    SECTION("trailing separator is accepted") {
        CHECK(entries(parse_properties("a\x01"
                                       "1\x02"))
              == Entries{{"a", "1"}});
        CHECK(entries(parse_properties("a\x01"
                                       "1\x02\x02\x02"))
              == Entries{{"a", "1"}});
    }
    SECTION("leading and doubled separators") {
        CHECK(entries(parse_properties("\x02"
                                       "a\x01"
                                       "1\x02\x02"
                                       "b\x01"
                                       "2"))
              == Entries{{"a", "1"}, {"b", "2"}});
    }
    SECTION("segments shorter than 3 bytes are skipped") {
        CHECK(parse_properties("a\x01").empty());
        CHECK(parse_properties("\x01"
                               "a")
                  .empty());
        CHECK(entries(parse_properties("ab\x02"
                                       "c\x01"
                                       "d"))
              == Entries{{"c", "d"}});
    }
    SECTION("empty key or value is skipped") {
        CHECK(entries(parse_properties("\x01value\x02k\x01v")) == Entries{{"k", "v"}});
        CHECK(entries(parse_properties("key\x01\x02k\x01v")) == Entries{{"k", "v"}});
    }
    SECTION("segment without a name-value separator is skipped") {
        CHECK(entries(parse_properties("justtext\x02k\x01v")) == Entries{{"k", "v"}});
    }
    SECTION("the value runs to the next property separator, 0x01 included") {
        CHECK(entries(parse_properties("k\x01v\x01w\x02x\x01y"))
              == Entries{{"k", "v\x01w"}, {"x", "y"}});
    }
    SECTION("later duplicates win and keep the first position") {
        Properties p = parse_properties(
            "WAIT\x01true\x02TAGS\x01"
            "A\x02WAIT\x01"
            "false");
        CHECK(entries(p) == Entries{{"WAIT", "false"}, {"TAGS", "A"}});
    }
    SECTION("non-ASCII bytes are kept as they are") {
        const std::string raw =
            "note\x01\xE9\x9D\x9E"
            "ASCII \xC3\xBC \xE2\x9C\x93 #0\x02\xE6\x95\xB0\x01x";
        Properties p = parse_properties(raw);
        REQUIRE(p.size() == 2);
        CHECK(p.get("note") == "\xE9\x9D\x9E" "ASCII \xC3\xBC \xE2\x9C\x93 #0");
        CHECK(p.get("\xE6\x95\xB0") == "x");
        CHECK(encode_properties(p) == raw);
    }
}

TEST_CASE("decode then encode reproduces strings without duplicates", "[message][properties]") {
    for (const std::string& raw : {
             "note\x01n\x02KEYS\x01orderA-0 cust-0\x02idx\x01"
             "0\x02UNIQ_KEY\x01"
             "C00002022ABE4E0E2F2A6F3678840000\x02"
             "CLUSTER\x01"
             "DefaultCluster\x02TAGS\x01TagA"s,
             "WAIT\x01true\x02TAGS\x01"
             "d"s,
             "a\x01"
             "b"s,
             ""s,
         }) {
        CHECK(encode_properties(parse_properties(raw)) == raw);
    }
    // Not reproducible, by nature: duplicates, trailing or doubled separators, skipped segments.
    CHECK(encode_properties(parse_properties("a\x01" "1\x02" "a\x01" "2")) == "a\x01" "2");
    CHECK(encode_properties(parse_properties("a\x01" "1\x02")) == "a\x01" "1");
}

TEST_CASE("many keys and duplicates use the hash index correctly", "[message][properties]") {
    std::string raw;
    for (int i = 0; i < 100; ++i)
        raw += "k" + std::to_string(i) + "\x01v" + std::to_string(i) + "\x02";
    for (int i = 0; i < 100; i += 7)
        raw += "k" + std::to_string(i) + "\x01w" + std::to_string(i) + "\x02";
    Properties p = parse_properties(raw);
    REQUIRE(p.size() == 100);
    int i = 0;
    for (const auto& [k, v] : p) {
        CHECK(k == "k" + std::to_string(i));
        CHECK(v == (i % 7 == 0 ? "w" : "v") + std::to_string(i));
        ++i;
    }
}

TEST_CASE("Properties editing", "[message][properties]") {
    Properties p{{"A", "1"}, {"B", "2"}};
    CHECK(p.get("A") == "1");
    CHECK(p.find("C") == nullptr);
    CHECK(p.get("C").empty());
    p.set("A", "3");
    p.set("C", "4");
    CHECK(entries(p) == Entries{{"A", "3"}, {"B", "2"}, {"C", "4"}});
    CHECK(p.erase("B"));
    CHECK_FALSE(p.erase("B"));
    CHECK(encode_properties(p) == "A\x01" "3\x02" "C\x01" "4");
    // Entries the parser would drop are not written.
    p.set("", "x");
    p.set("E", "");
    CHECK(encode_properties(p) == "A\x01" "3\x02" "C\x01" "4");
    CHECK(encoded_properties_size(p) == 7);
}

TEST_CASE("Message property accessors", "[message][properties]") {
    Message m;
    m.topic = "T";
    m.set_keys("k1 k2  k3");
    m.set_tags("TagA");
    m.set_uniq_key("C00002022ABE4E0E2F2A6F3678840000");
    m.set_property(prop::kWait, "true");
    CHECK(m.keys() == "k1 k2  k3");
    CHECK(m.key_list() == std::vector<std::string_view>{"k1", "k2", "k3"});
    CHECK(m.tags() == "TagA");
    CHECK(m.uniq_key() == "C00002022ABE4E0E2F2A6F3678840000");
    CHECK(m.property("WAIT") == "true");
    CHECK(encode_properties(m.properties) ==
          "KEYS\x01k1 k2  k3\x02TAGS\x01TagA\x02UNIQ_KEY\x01"
          "C00002022ABE4E0E2F2A6F3678840000\x02WAIT\x01true");
    Message empty;
    CHECK(empty.tags().empty());
    CHECK(empty.key_list().empty());
}

TEST_CASE("find_property reads a raw string like parse_properties", "[message][properties]") {
    const std::string raw = std::string("KEYS\x01k1 k2\x02TAGS\x01TagA\x02") + "T\x01\x02" + "TAGS"
                            + "\x01TagB\x02UNIQ_KEY\x01" + "AB";
    CHECK(find_property(raw, "KEYS") == "k1 k2");
    CHECK(find_property(raw, "TAGS") == "TagB");  // a later duplicate wins
    CHECK(find_property(raw, "UNIQ_KEY") == "AB");
    CHECK(find_property(raw, "T").empty());  // empty value: skipped
    CHECK(find_property(raw, "TAG").empty());
    CHECK(find_property("", "KEYS").empty());
    for (const auto& [key, value] : parse_properties(raw))
        CHECK(find_property(raw, key) == value);
}
