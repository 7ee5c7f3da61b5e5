// zlib body compression (§8.1) and the zip-bomb bound.
#include "message/compression.hpp"

#include <random>
#include <string>

#include "catch.hpp"

using namespace rmq::message;

namespace {

std::string sample_text(std::size_t n) {
    std::string s;
    std::mt19937 rng(7);
    while (s.size() < n)
        s += "word" + std::to_string(rng() % 100) + ' ';
    s.resize(n);
    return s;
}

}  // namespace

TEST_CASE("deflate / inflate round trip", "[message][compression]") {
    for (std::size_t n : {0UL, 1UL, 100UL, 4096UL, 10000UL, 300000UL}) {
        const std::string text = sample_text(n);
        const std::string packed = zlib_deflate(text);
        REQUIRE(packed.size() >= 2);
        CHECK(static_cast<unsigned char>(packed[0]) == 0x78);  // RFC 1950 header, deflate 32K
        auto back = zlib_inflate(packed);
        REQUIRE(back.ok());
        CHECK(*back == text);
        CHECK(zlib_inflate(packed, n).ok());  // a bound equal to the size is enough
        if (n > 0) {
            auto tight = zlib_inflate(packed, n - 1);
            REQUIRE_FALSE(tight.ok());
            CHECK(tight.error().code == errc::inflated_too_large);
        }
    }
    for (int level : {0, 1, 9}) {
        const std::string text = sample_text(5000);
        CHECK(*zlib_inflate(zlib_deflate(text, level)) == text);
    }
}

TEST_CASE("zip bomb is refused", "[message][compression]") {
    // 65 MiB of zeros deflates to ~65 KiB; the default bound is 64 MiB.
    const std::string zeros((std::size_t{65} << 20), '\0');
    const std::string bomb = zlib_deflate(zeros, 9);
    CHECK(bomb.size() < 100000);
    auto r = zlib_inflate(bomb);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == errc::inflated_too_large);
    auto via_body = decompress_body(bomb, 0x301);
    REQUIRE_FALSE(via_body.ok());
    CHECK(via_body.error().code == errc::inflated_too_large);
    // A custom, smaller bound.
    auto small = zlib_inflate(bomb, 1 << 20);
    REQUIRE_FALSE(small.ok());
    CHECK(small.error().code == errc::inflated_too_large);
}

TEST_CASE("corrupt zlib streams", "[message][compression]") {
    const std::string packed = zlib_deflate(sample_text(20000));
    for (std::size_t cut : {std::size_t{0}, std::size_t{1}, std::size_t{2}, packed.size() / 2,
                            packed.size() - 4, packed.size() - 1}) {
        INFO("cut at " << cut);
        auto r = zlib_inflate(std::string_view(packed).substr(0, cut));
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == errc::corrupt_compressed_data);
    }
    std::string flipped = packed;
    flipped[packed.size() - 1] ^= 0x55;  // Adler-32 mismatch
    auto bad_sum = zlib_inflate(flipped);
    REQUIRE_FALSE(bad_sum.ok());
    CHECK(bad_sum.error().code == errc::corrupt_compressed_data);
    auto garbage = zlib_inflate(std::string_view("\x78\x9c not really"));
    REQUIRE_FALSE(garbage.ok());
    CHECK(garbage.error().code == errc::corrupt_compressed_data);
    // Bytes after the end of the stream are ignored (InflaterInputStream does the same).
    auto trailing = zlib_inflate(packed + "trailing");
    REQUIRE(trailing.ok());
    CHECK(*trailing == sample_text(20000));
}

TEST_CASE("decompress_body follows the sys flag", "[message][compression]") {
    const std::string text = sample_text(6000);
    const std::string packed = zlib_deflate(text);
    CHECK(*decompress_body(text, 0) == text);        // not compressed: copied
    CHECK(*decompress_body(text, 0x300) == text);    // type bits without bit 0: not compressed
    CHECK(*decompress_body(packed, 0x1) == text);    // legacy: zlib
    CHECK(*decompress_body(packed, 0x301) == text);  // ZLIB
    CHECK(*decompress_body(packed, 0x301 | 0x8) == text);
    CHECK(compression_type(0x301) == rmq::proto::CompressionType::ZLIB);
    CHECK(compression_type(0x101) == rmq::proto::CompressionType::LZ4);
    for (int32_t flag : {0x101, 0x201, 0x401, 0x501, 0x701}) {
        auto r = decompress_body(packed, flag);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == errc::unsupported_compression);
        CHECK_FALSE(r.error().message.empty());
    }
}
