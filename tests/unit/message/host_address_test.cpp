// Host addresses of records and ids.
#include "message/host_address.hpp"

#include "catch.hpp"

using namespace rmq::message;

TEST_CASE("IPv4 hosts", "[message][host]") {
    auto h = HostAddress::parse("127.0.0.1:20911");
    REQUIRE(h);
    CHECK_FALSE(h->ip.is_v6());
    CHECK(h->ip.size() == 4);
    CHECK(h->port == 20911);
    CHECK(h->to_string() == "127.0.0.1:20911");
    CHECK(IpAddress::v4(192, 0, 2, 2).to_string() == "192.0.2.2");
    CHECK(HostAddress{}.to_string() == "0.0.0.0:0");
}

TEST_CASE("IPv6 hosts print like Java's getHostAddress", "[message][host]") {
    auto h = HostAddress::parse("[::1]:10911");
    REQUIRE(h);
    CHECK(h->ip.is_v6());
    CHECK(h->ip.size() == 16);
    CHECK(h->to_string() == "0:0:0:0:0:0:0:1:10911");
    // The unbracketed Java form parses back (the last colon separates the port).
    auto back = HostAddress::parse(h->to_string());
    REQUIRE(back);
    CHECK(*back == *h);
    auto doc = HostAddress::parse("[2001:DB8:0:0:8:800:200C:417A]:1");
    REQUIRE(doc);
    CHECK(doc->ip.to_string() == "2001:db8:0:0:8:800:200c:417a");
}

TEST_CASE("bad host text", "[message][host]") {
    for (const char* bad : {"", "127.0.0.1", "127.0.0.1:", "127.0.0.1:65536", "127.0.0.1:-1",
                            "300.0.0.1:1", "host:1", "[::1]", "127.0.0.1:1x"}) {
        INFO(bad);
        CHECK_FALSE(HostAddress::parse(bad));
    }
    CHECK_FALSE(IpAddress::from_bytes(std::span<const uint8_t>{}));
    const uint8_t five[5] = {1, 2, 3, 4, 5};
    CHECK_FALSE(IpAddress::from_bytes(five));
}
