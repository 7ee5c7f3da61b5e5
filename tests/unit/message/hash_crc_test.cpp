// Body CRC (§4) and Java String.hashCode tags code (§10).
#include <string>

#include "catch.hpp"
#include "message/checksum.hpp"
#include "message/java_hash.hpp"

using namespace rmq::message;

namespace {

// Java's definition over explicitly listed UTF-16 code units.
constexpr int32_t hash_units(std::initializer_list<uint32_t> units) {
    uint32_t h = 0;
    for (uint32_t u : units)
        h = h * 31U + u;
    return static_cast<int32_t>(h);
}

}  // namespace

TEST_CASE("body CRC", "[message][crc]") {
    CHECK(body_crc(std::string_view("Hello")) == 2010220930);  // 0xF7D18982 & 0x7FFFFFFF
    CHECK(body_crc(std::string_view("")) == 0);
    CHECK(body_crc(std::string_view("123456789")) == (0xCBF43926 & 0x7FFFFFFF));
}

TEST_CASE("Java hashCode of ASCII tags", "[message][hash]") {
    CHECK(java_string_hash("TagA") == 2598919);
    CHECK(tags_hash_code("TagA") == 0x000000000027A807);
    CHECK(java_string_hash("d") == 100);
    CHECK(java_string_hash("") == 0);
    CHECK(tags_hash_code("") == 0);
    // Negative hashes are sign-extended into the 64-bit tags code.
    CHECK(java_string_hash("TagZip") == -1797378745);
    CHECK(tags_hash_code("TagZip") == -1797378745LL);
    CHECK(java_string_hash("TagBatch") == -726516768);
    // 32-bit wrap-around
    const std::string long_text(1000, 'z');
    uint32_t h = 0;
    for (int i = 0; i < 1000; ++i)
        h = h * 31U + 'z';
    CHECK(java_string_hash(long_text) == static_cast<int32_t>(h));
}

TEST_CASE("Java hashCode of non-ASCII text", "[message][hash]") {
    // é = U+00E9 (2 UTF-8 bytes, 1 unit)
    CHECK(java_string_hash("\xC3\xA9") == 0xE9);
    // ü ✓ = U+00FC U+2713 (2 + 3 bytes)
    CHECK(java_string_hash("\xC3\xBC\xE2\x9C\x93") == hash_units({0xFC, 0x2713}));
    CHECK(java_string_hash("\xC3\xBC\xE2\x9C\x93") == 17815);
    // 非 = U+975E
    CHECK(java_string_hash("\xE9\x9D\x9E"
                           "A")
          == hash_units({0x975E, 'A'}));
    // 😀 U+1F600 = 4 UTF-8 bytes = surrogate pair D83D DE00
    CHECK(java_string_hash("\xF0\x9F\x98\x80") == hash_units({0xD83D, 0xDE00}));
    CHECK(java_string_hash("\xF0\x9F\x98\x80") == 1772899);
    CHECK(java_string_hash("a\xF0\x9F\x98\x80"
                           "b")
          == hash_units({'a', 0xD83D, 0xDE00, 'b'}));
    // U+10FFFF, the last code point: DBFF DFFF
    CHECK(java_string_hash("\xF4\x8F\xBF\xBF") == hash_units({0xDBFF, 0xDFFF}));
    // U+10000, the first supplementary one: D800 DC00
    CHECK(java_string_hash("\xF0\x90\x80\x80") == hash_units({0xD800, 0xDC00}));
}

TEST_CASE("Java hashCode of malformed UTF-8 uses U+FFFD", "[message][hash]") {
    CHECK(java_string_hash("\xFF") == 0xFFFD);
    CHECK(java_string_hash("a\x80") == hash_units({'a', 0xFFFD}));
    // Truncated 3-byte sequence: one replacement for the valid prefix.
    CHECK(java_string_hash("\xE2\x9C") == hash_units({0xFFFD}));
    CHECK(java_string_hash("\xE2\x9C"
                           "A")
          == hash_units({0xFFFD, 'A'}));
    // Overlong NUL: C0 is never valid, 80 is a stray continuation.
    CHECK(java_string_hash("\xC0\x80") == hash_units({0xFFFD, 0xFFFD}));
    // Encoded surrogate (ED A0 80) is invalid: ED then A0 outside 80..9F.
    CHECK(java_string_hash("\xED\xA0\x80") == hash_units({0xFFFD, 0xFFFD, 0xFFFD}));
    // Above U+10FFFF
    CHECK(java_string_hash("\xF4\x90\x80\x80") == hash_units({0xFFFD, 0xFFFD, 0xFFFD, 0xFFFD}));
}
