// SEND_BATCH_MESSAGE bodies (spec/message-format.md §6).
#include "message/batch.hpp"

#include <string>

#include "catch.hpp"
#include "common/big_endian.hpp"
#include "message_test_support.hpp"

using namespace rmq::message;

namespace {

const char* const kSpecEntryHex = R"(
0000: 00 00 00 52 00 00 00 00 00 00 00 00 00 00 00 00
0010: 00 00 00 02 6d 31 00 3a 54 41 47 53 01 41 02 57
0020: 41 49 54 01 74 72 75 65 02 55 4e 49 51 5f 4b 45
0030: 59 01 41 43 31 31 30 30 30 31 30 30 30 30 32 41
0040: 39 46 30 30 30 30 30 30 30 30 30 30 30 30 30 30
0050: 30 31
)";

const char* const kSpecProperties =
    "TAGS\x01"
    "A\x02WAIT\x01true\x02UNIQ_KEY\x01"
    "AC11000100002A9F0000000000000001";

}  // namespace

TEST_CASE("spec §6 batch entry decodes and re-encodes", "[message][batch]") {
    const std::string bytes = rmq::test::hex_dump_to_bytes(kSpecEntryHex);
    REQUIRE(bytes.size() == 82);
    auto views = decode_batch_view(bytes);
    REQUIRE(views.ok());
    REQUIRE(views->size() == 1);
    CHECK((*views)[0].flag == 0);
    CHECK((*views)[0].body == "m1");
    CHECK((*views)[0].properties == kSpecProperties);

    auto messages = decode_batch(bytes);
    REQUIRE(messages.ok());
    REQUIRE(messages->size() == 1);
    const Message& m = (*messages)[0];
    CHECK(m.topic.empty());
    CHECK(m.body == "m1");
    CHECK(m.tags() == "A");
    CHECK(m.property("WAIT") == "true");
    CHECK(m.uniq_key() == "AC11000100002A9F0000000000000001");

    std::string out;
    auto n = encode_batch_entry(0, "m1", kSpecProperties, out);
    REQUIRE(n.ok());
    CHECK(*n == 82);
    CHECK(out == bytes);
    auto again = encode_batch(*messages);
    REQUIRE(again.ok());
    CHECK(*again == bytes);
}

TEST_CASE("batch prefixes decode only at entry boundaries", "[message][batch]") {
    std::string body;
    std::vector<std::size_t> boundaries{0};
    for (int i = 0; i < 3; ++i) {
        REQUIRE(encode_batch_entry(i, "body " + std::to_string(i) + std::string(i * 5, 'x'),
                                   "KEYS\x01k" + std::to_string(i), body)
                    .ok());
        boundaries.push_back(body.size());
    }
    for (std::size_t len = 0; len <= body.size(); ++len) {
        INFO("prefix " << len);
        auto r = decode_batch_view(std::span<const char>(body.data(), len));
        const auto at = std::find(boundaries.begin(), boundaries.end(), len);
        if (at != boundaries.end()) {
            REQUIRE(r.ok());
            CHECK(r->size() == static_cast<std::size_t>(at - boundaries.begin()));
        } else {
            REQUIRE_FALSE(r.ok());
            CHECK(r.error().code == errc::truncated);
        }
    }
    auto all = decode_batch(body);
    REQUIRE(all.ok());
    REQUIRE(all->size() == 3);
    CHECK((*all)[2].flag == 2);
    CHECK((*all)[2].body == "body 2xxxxxxxxxx");
    CHECK((*all)[2].keys() == "k2");
}

TEST_CASE("inconsistent batch entries are rejected", "[message][batch]") {
    std::string good;
    REQUIRE(encode_batch_entry(0, "abc", "K\x01v", good).ok());
    REQUIRE(good.size() == 22 + 3 + 3);

    auto with = [&](std::size_t at, auto value) {
        std::string bytes = good;
        rmq::store_be(bytes.data() + at, value);
        return decode_batch_view(bytes);
    };
    CHECK(with(0, int32_t{27}).error().code == errc::size_mismatch);  // TOTALSIZE too small
    CHECK(with(0, int32_t{29}).error().code == errc::size_mismatch);  // TOTALSIZE too large
    CHECK(with(0, int32_t{-28}).error().code == errc::size_mismatch);
    CHECK(with(16, int32_t{-1}).error().code == errc::negative_length);  // BODYLENGTH
    CHECK(with(16, INT32_MAX).error().code == errc::truncated);
    CHECK(with(16, int32_t{4}).error().code == errc::truncated);
    CHECK(with(23, int16_t{-1}).error().code == errc::negative_length);  // PROPERTIESLENGTH
    CHECK(with(23, int16_t{4}).error().code == errc::truncated);
    CHECK(with(23, int16_t{2}).error().code == errc::size_mismatch);
    // MAGICCODE and BODYCRC are ignored.
    CHECK(with(4, int32_t{-1}).ok());
    CHECK(with(8, int32_t{12345}).ok());
    CHECK(decode_batch_view(std::span<const char>{}).ok());

    std::string out;
    CHECK(encode_batch_entry(0, "x", std::string(32768, 'p'), out).error().code
          == errc::field_too_long);
    CHECK(out.empty());
}
