// Corrupt and hostile record bytes must produce errors, never crashes or overreads (run this
// suite under the asan preset to make overreads visible).
#include <random>
#include <string>
#include <vector>

#include "catch.hpp"
#include "common/big_endian.hpp"
#include "message/checksum.hpp"
#include "message/compression.hpp"
#include "message/record.hpp"
#include "message/record_reader.hpp"

using namespace rmq::message;

namespace {

RecordView sample(bool born_v6, bool store_v6, int32_t magic) {
    RecordView r;
    r.magic = magic;
    r.topic = "MalformedTopic";
    r.queue_id = 3;
    r.flag = 7;
    r.queue_offset = 42;
    r.commit_log_offset = 4242;
    r.born_timestamp = 1795357040773;
    r.store_timestamp = 1795357040783;
    r.born_host = *HostAddress::parse(born_v6 ? "[::1]:51710" : "127.0.0.1:51710");
    r.store_host = *HostAddress::parse(store_v6 ? "[2001:db8::2]:20911" : "127.0.0.1:20911");
    r.body = "some body bytes";
    r.body_crc = body_crc(r.body);
    r.properties =
        "KEYS\x01k1\x02TAGS\x01TagA\x02UNIQ_KEY\x01"
        "C00002022ABE4E0E2F2A6F3678840000";
    return r;
}

std::vector<std::string> samples() {
    std::vector<std::string> out;
    for (int32_t magic : {kMagicV1, kMagicV2}) {
        for (bool b : {false, true}) {
            for (bool s : {false, true}) {
                std::string bytes;
                REQUIRE(encode_record(sample(b, s, magic), bytes).ok());
                out.push_back(bytes);
            }
        }
    }
    return out;
}

// Offset of BODYLENGTH in a record with these host families.
std::size_t body_length_pos(bool born_v6, bool store_v6) {
    return 84 + (born_v6 ? 12 : 0) + (store_v6 ? 12 : 0);
}

}  // namespace

TEST_CASE("every truncation of a record is reported as truncated", "[message][malformed]") {
    for (const std::string& bytes : samples()) {
        for (std::size_t len = 0; len < bytes.size(); ++len) {
            INFO("length " << len << " of " << bytes.size());
            auto r = decode_record_view(std::span<const char>(bytes.data(), len));
            REQUIRE(r.is_error());
            CHECK(r.error().code == errc::truncated);
            CHECK_FALSE(r.error().message.empty());
            CHECK(decode_record(std::span<const char>(bytes.data(), len)).is_error());
        }
        CHECK(decode_record_view(bytes).is_message());
    }
}

TEST_CASE("every wrong TOTALSIZE is rejected", "[message][malformed]") {
    for (const std::string& original : samples()) {
        const auto real = static_cast<int32_t>(original.size());
        // Padding so a larger TOTALSIZE is not simply "truncated".
        std::string bytes = original + std::string(64, '\0');
        for (int32_t total = -5; total <= real + 64; ++total) {
            if (total == real) continue;
            rmq::store_be(bytes.data(), total);
            INFO("TOTALSIZE " << total << " for a record of " << real);
            auto r = decode_record_view(bytes);
            REQUIRE(r.is_error());
            CHECK(r.error().code == errc::size_mismatch);
        }
        for (int32_t total : {INT32_MAX, INT32_MIN, real + 65}) {
            rmq::store_be(bytes.data(), total);
            auto r = decode_record_view(bytes);
            REQUIRE(r.is_error());
            CHECK((r.error().code == errc::truncated || r.error().code == errc::size_mismatch));
        }
    }
}

TEST_CASE("negative and oversized length fields", "[message][malformed]") {
    const RecordView base = sample(false, false, kMagicV1);
    std::string good;
    REQUIRE(encode_record(base, good).ok());
    const std::size_t body_len_at = body_length_pos(false, false);
    const std::size_t topic_len_at = body_len_at + 4 + base.body.size();
    const std::size_t props_len_at = topic_len_at + 1 + base.topic.size();

    auto decode_with = [&](std::size_t at, auto value) {
        std::string bytes = good;
        rmq::store_be(bytes.data() + at, value);
        return decode_record_view(bytes);
    };

    CHECK(decode_with(body_len_at, int32_t{-1}).error().code == errc::negative_length);
    CHECK(decode_with(body_len_at, INT32_MIN).error().code == errc::negative_length);
    CHECK(decode_with(body_len_at, INT32_MAX).error().code == errc::size_mismatch);
    CHECK(decode_with(body_len_at, int32_t{16}).error().code == errc::size_mismatch);
    CHECK(decode_with(topic_len_at, int8_t{-1}).error().code == errc::negative_length);
    CHECK(decode_with(topic_len_at, int8_t{-128}).error().code == errc::negative_length);
    CHECK(decode_with(topic_len_at, int8_t{127}).error().code == errc::size_mismatch);
    CHECK(decode_with(props_len_at, int16_t{-1}).error().code == errc::negative_length);
    CHECK(decode_with(props_len_at, int16_t{32767}).error().code == errc::size_mismatch);
    CHECK(decode_with(props_len_at, int16_t{0}).error().code == errc::size_mismatch);

    // v2: negative 2-byte topic length.
    std::string v2;
    REQUIRE(encode_record(sample(false, false, kMagicV2), v2).ok());
    rmq::store_be(v2.data() + topic_len_at, int16_t{-3});
    CHECK(decode_record_view(v2).error().code == errc::negative_length);
}

TEST_CASE("bad magic, bad ports, flipped host flags, CRC", "[message][malformed]") {
    std::string good;
    REQUIRE(encode_record(sample(false, false, kMagicV1), good).ok());

    for (uint32_t magic : {0u, 0xDAA320A6u, 0xDAA320ACu, 0xCBD43195u, 0xFFFFFFFFu}) {
        std::string bytes = good;
        rmq::store_be(bytes.data() + 4, magic);
        auto r = decode_record_view(bytes);
        REQUIRE(r.is_error());
        CHECK(r.error().code == errc::bad_magic);
    }
    for (int32_t port : {-1, 65536, INT32_MIN}) {
        std::string born = good;
        rmq::store_be(born.data() + 52, port);
        CHECK(decode_record_view(born).error().code == errc::bad_host);
        std::string store = good;
        rmq::store_be(store.data() + 68, port);
        CHECK(decode_record_view(store).error().code == errc::bad_host);
    }
    {
        // Claiming an IPv6 born host shifts every later field: the lengths no longer add up.
        std::string bytes = good;
        rmq::store_be(bytes.data() + record_pos::kSysFlag, int32_t{0x10});
        CHECK(decode_record_view(bytes).is_error());
        rmq::store_be(bytes.data() + record_pos::kSysFlag, int32_t{0x30});
        CHECK(decode_record_view(bytes).is_error());
    }
    {
        std::string bytes = good;
        bytes[body_length_pos(false, false) + 4] ^= 0x01;  // first body byte
        CHECK(decode_record_view(bytes).is_message());     // clients do not check the CRC
        auto r = decode_record_view(bytes, DecodeOptions{.verify_body_crc = true});
        REQUIRE(r.is_error());
        CHECK(r.error().code == errc::crc_mismatch);
    }
}

TEST_CASE("random corruption never crashes and successes re-encode exactly",
          "[message][malformed]") {
    std::mt19937 rng(20261122);
    std::size_t decoded = 0, rejected = 0;
    for (const std::string& original : samples()) {
        for (int round = 0; round < 3000; ++round) {
            std::string bytes = original;
            const int flips = 1 + static_cast<int>(rng() % 4);
            for (int f = 0; f < flips; ++f) {
                bytes[rng() % bytes.size()] = static_cast<char>(rng() & 0xFF);
            }
            if (rng() % 4 == 0) bytes.resize(rng() % (bytes.size() + 1));
            auto r = decode_record_view(bytes);
            if (!r.is_message()) {
                ++rejected;
                continue;
            }
            ++decoded;
            std::string again;
            REQUIRE(encode_record(r.record(), again).ok());
            CHECK(again == std::string_view(bytes).substr(0, again.size()));
            // The owning path agrees with the view.
            auto owned = decode_record(bytes);
            REQUIRE(owned.is_message());
            CHECK(owned.record().body == r.record().body);
        }
    }
    CHECK(decoded > 0);
    CHECK(rejected > 0);
}

TEST_CASE("decompress_body of hostile bodies", "[message][malformed]") {
    const std::string garbage = "this is not zlib";
    auto r = decompress_body(garbage, 0x1);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == errc::corrupt_compressed_data);
}
