// Offset msgId and UNIQ_KEY (spec/message-format.md §7).
#include "message/message_id.hpp"

#include <unistd.h>

#include <chrono>
#include <set>
#include <string>
#include <thread>

#include "catch.hpp"
#include "message_test_support.hpp"

using namespace rmq::message;

TEST_CASE("offset msgId, IPv4", "[message][id]") {
    const HostAddress store = *HostAddress::parse("127.0.0.1:10911");
    CHECK(make_offset_msg_id(store, 0) == "7F00000100002A9F0000000000000000");
    const std::string id = make_offset_msg_id(*HostAddress::parse("127.0.0.1:20911"), 270);
    CHECK(id == "7F000001000051AF000000000000010E");

    for (const std::string& text : {id, std::string("7f000001000051af000000000000010e")}) {
        auto parsed = parse_offset_msg_id(text);
        REQUIRE(parsed.ok());
        CHECK(parsed->store_host.to_string() == "127.0.0.1:20911");
        CHECK(parsed->commit_log_offset == 270);
    }
    // Largest values survive the round trip.
    const HostAddress high = *HostAddress::parse("255.255.255.255:65535");
    auto back = parse_offset_msg_id(make_offset_msg_id(high, INT64_MAX));
    REQUIRE(back.ok());
    CHECK(back->store_host == high);
    CHECK(back->commit_log_offset == INT64_MAX);
}

TEST_CASE("offset msgId, IPv6", "[message][id]") {
    const HostAddress store = *HostAddress::parse("[2001:db8::7]:10911");
    const std::string id = make_offset_msg_id(store, 0x1234);
    CHECK(id.size() == 56);
    CHECK(id == "20010DB8000000000000000000000007" "00002A9F" "0000000000001234");
    auto parsed = parse_offset_msg_id(id);
    REQUIRE(parsed.ok());
    CHECK(parsed->store_host == store);
    CHECK(parsed->commit_log_offset == 0x1234);
}

TEST_CASE("malformed offset msgIds", "[message][id]") {
    for (std::string_view bad :
         {"", "7F00000100002A9F000000000000000", "7F00000100002A9F00000000000000000",
          "7G00000100002A9F0000000000000000", "7F000001 0002A9F0000000000000000"}) {
        auto r = parse_offset_msg_id(bad);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == errc::bad_id);
    }
    // Port field outside 0..65535.
    auto r = parse_offset_msg_id("7F000001000100000000000000000000");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == errc::bad_host);
}

TEST_CASE("UNIQ_KEY generation reproduces a Java key", "[message][id]") {
    rmq::test::ScopedTimeZone utc("UTC");
    // Key of the first store-clean message: 192.0.2.2, pid 0x2ABE, class loader hash
    // 0x4E0E2F2A, 0x6F367884 ms after 2026-11-01 00:00 UTC (1793491200000), counter 0.
    UniqKeyGenerator gen(IpAddress::v4(192, 0, 2, 2), 0x2ABE, 0x4E0E2F2A);
    CHECK(gen.prefix() == "C00002022ABE4E0E2F2A");
    const int64_t now = 1793491200000 + 0x6F367884;
    CHECK(gen.next(now) == "C00002022ABE4E0E2F2A6F3678840000");
    CHECK(gen.next(now) == "C00002022ABE4E0E2F2A6F3678840001");
    CHECK(gen.next(now + 0x22) == "C00002022ABE4E0E2F2A6F3678A60002");

    auto key = parse_uniq_key("C00002022ABE4E0E2F2A6F3678840000");
    REQUIRE(key.ok());
    CHECK(key->ip.to_string() == "192.0.2.2");
    CHECK(key->pid == 0x2ABE);
    CHECK(key->instance == 0x4E0E2F2A);
    CHECK(key->month_millis == 0x6F367884U);
    CHECK(key->counter == 0);
    CHECK(uniq_key_timestamp(*key, 1795357040783) == now);
}

TEST_CASE("UNIQ_KEY month handling", "[message][id]") {
    rmq::test::ScopedTimeZone utc("UTC");
    const int64_t nov1 = 1793491200000;  // 2026-11-01T00:00:00Z
    const int64_t dec1 = 1796083200000;  // 2026-12-01T00:00:00Z
    const int64_t oct1 = 1790812800000;  // 2026-10-01T00:00:00Z
    const int64_t day = 86400000;
    CHECK(local_month_start(nov1 + 5 * day) == nov1);
    CHECK(local_month_start(nov1) == nov1);
    CHECK(local_month_start(nov1 - 1) == oct1);
    CHECK(local_next_month_start(nov1 + 5 * day) == dec1);

    SECTION("late in a 31-day month the time field exceeds INT32_MAX") {
        UniqKeyGenerator gen(IpAddress::v4(10, 0, 0, 1), 1, 2);
        const int64_t t = oct1 + 30 * day + 123;  // Oct 31
        auto key = parse_uniq_key(gen.next(t));
        REQUIRE(key.ok());
        CHECK(key->month_millis == 30U * 86400000U + 123U);
        CHECK(key->month_millis > static_cast<uint32_t>(INT32_MAX));
        CHECK(uniq_key_timestamp(*key, t + 1000) == t);
    }
    SECTION("a key from last month read early in this month") {
        UniqKeyGenerator gen(IpAddress::v4(10, 0, 0, 1), 1, 2);
        const int64_t created = oct1 + 20 * day;
        auto key = parse_uniq_key(gen.next(created));
        REQUIRE(key.ok());
        CHECK(uniq_key_timestamp(*key, nov1 + 3 * day) == created);
    }
    SECTION("the generator follows month boundaries") {
        UniqKeyGenerator gen(IpAddress::v4(10, 0, 0, 1), 1, 2);
        auto a = parse_uniq_key(gen.next(dec1 - 1));
        auto b = parse_uniq_key(gen.next(dec1));
        auto c = parse_uniq_key(gen.next(dec1 + 5));
        REQUIRE((a.ok() && b.ok() && c.ok()));
        CHECK(a->month_millis == static_cast<uint32_t>(dec1 - 1 - nov1));
        CHECK(b->month_millis == 0);
        CHECK(c->month_millis == 5);
        CHECK(a->counter == 0);
        CHECK(b->counter == 1);
        CHECK(c->counter == 2);
    }
    SECTION("a zone with DST: month start is local midnight") {
        rmq::test::ScopedTimeZone berlin("Europe/Berlin");
        // 2026-11-01T00:00 CET = 2026-10-31T23:00Z
        CHECK(local_month_start(nov1 + day) == nov1 - 3600000);
        // 2026-10-01T00:00 CEST = 2026-09-30T22:00Z
        CHECK(local_month_start(oct1 + day) == oct1 - 7200000);
    }
}

TEST_CASE("UNIQ_KEY parse forms", "[message][id]") {
    // Go renders the time/counter suffix lowercase.
    auto go = parse_uniq_key("C00002022ABE000000006f3678a6000b");
    REQUIRE(go.ok());
    CHECK(go->instance == 0);
    CHECK(go->month_millis == 0x6F3678A6U);
    CHECK(go->counter == 0xB);
    CHECK(format_uniq_key(*go) == "C00002022ABE000000006F3678A6000B");

    UniqKey v6;
    v6.ip = *IpAddress::parse("2001:db8::42");
    v6.pid = 0xFFFF;
    v6.instance = 0xDEADBEEF;
    v6.month_millis = 0xFFFFFFFF;
    v6.counter = 0xFFFF;
    const std::string text = format_uniq_key(v6);
    CHECK(text.size() == 56);
    CHECK(text == "20010DB8000000000000000000000042" "FFFF" "DEADBEEF" "FFFFFFFF" "FFFF");
    auto back = parse_uniq_key(text);
    REQUIRE(back.ok());
    CHECK(back->ip == v6.ip);
    CHECK(back->pid == v6.pid);
    CHECK(back->instance == v6.instance);
    CHECK(back->month_millis == v6.month_millis);
    CHECK(back->counter == v6.counter);

    for (std::string_view bad :
         {"", "C00002022ABE4E0E2F2A6F367884000", "Z00002022ABE4E0E2F2A6F3678840000",
          "C00002022ABE4E0E2F2A6F3678840000C0"}) {
        auto r = parse_uniq_key(bad);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == errc::bad_id);
    }
}

TEST_CASE("default UNIQ_KEY generator", "[message][id]") {
    UniqKeyGenerator gen;
    const IpAddress ip = local_client_ip();
    CHECK_FALSE((!ip.is_v6() && ip.data()[0] == 127));
    std::set<std::string> seen;
    for (int i = 0; i < 1000; ++i)
        seen.insert(gen.next());
    CHECK(seen.size() == 1000);
    const std::string key_text = *seen.begin();
    CHECK(key_text.size() == (ip.is_v6() ? 56U : 32U));
    CHECK(key_text.substr(0, gen.prefix().size()) == gen.prefix());
    auto key = parse_uniq_key(key_text);
    REQUIRE(key.ok());
    CHECK(key->ip == ip);
    CHECK(key->pid == static_cast<uint16_t>(::getpid()));
    using namespace std::chrono;
    const int64_t now = duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
    std::this_thread::sleep_for(milliseconds(2));
    CHECK(std::abs(uniq_key_timestamp(*key) - now) < 5000);
}
