#include "proto/header_codec.hpp"

#include "catch.hpp"
#include "proto/headers.hpp"
#include "proto/send_header_forms.hpp"

using namespace rmq::proto;

namespace {
ExtFields fields(std::initializer_list<std::pair<const char*, const char*>> kv) {
    ExtFields f;
    for (auto& [k, v] : kv)
        f.set(k, v);
    return f;
}
}  // namespace

TEST_CASE("a pull request header decodes from the extFields a Java client sends") {
    auto ext = fields({{"consumerGroup", "CG"},
                       {"topic", "TopicTest"},
                       {"queueId", "3"},
                       {"queueOffset", "120"},
                       {"maxMsgNums", "32"},
                       {"sysFlag", "2"},
                       {"commitOffset", "0"},
                       {"suspendTimeoutMillis", "15000"},
                       {"subVersion", "1700000000123"},
                       {"expressionType", "TAG"},
                       {"ReqT", "0"}});
    auto h = decode_header<PullMessageRequestHeader>(ext);
    REQUIRE(h.ok());
    CHECK(h->consumerGroup == "CG");
    CHECK(h->queueId == 3);
    CHECK(h->queueOffset == 120);
    CHECK(h->subVersion == 1700000000123);
    CHECK(h->expressionType == "TAG");
    CHECK_FALSE(h->subscription.has_value());
    CHECK_FALSE(h->bname.has_value());
}

TEST_CASE("a missing required field is a SYSTEM_ERROR naming the field") {
    auto ext = fields({{"topic", "T"}});
    auto h = decode_header<QueryConsumerOffsetRequestHeader>(ext);
    REQUIRE_FALSE(h.ok());
    CHECK(h.error().code == 1);
    CHECK(h.error().remark.find("consumerGroup") != std::string::npos);
    auto none = decode_header<ViewMessageRequestHeader>(nullptr);
    REQUIRE_FALSE(none.ok());
    CHECK(none.error().remark.find("offset") != std::string::npos);
}

TEST_CASE("malformed numbers are rejected with the field and the value") {
    for (const char* bad : {"", "12x", " 12", "0x10", "2147483648", "-", "+", "1.5", "１"}) {
        auto h =
            decode_header<GetMaxOffsetRequestHeader>(fields({{"topic", "T"}, {"queueId", bad}}));
        REQUIRE_FALSE(h.ok());
        CHECK(h.error().remark.find("queueId") != std::string::npos);
    }
    auto big = decode_header<ViewMessageRequestHeader>(fields({{"offset", "9223372036854775808"}}));
    CHECK_FALSE(big.ok());
}

TEST_CASE("numbers follow Integer.parseInt and Long.parseLong") {
    int32_t i = 0;
    CHECK(parse_java_int("+7", i));
    CHECK(i == 7);
    CHECK(parse_java_int("-2147483648", i));
    CHECK(i == INT32_MIN);
    int64_t l = 0;
    CHECK(parse_java_long("9223372036854775807", l));
    CHECK(l == INT64_MAX);
    CHECK(parse_java_long("-9223372036854775808", l));
    CHECK(l == INT64_MIN);
}

TEST_CASE("booleans follow Boolean.parseBoolean and primitives default when absent") {
    auto h = decode_header<DeleteSubscriptionGroupRequestHeader>(
        fields({{"groupName", "G"}, {"removeOffset", "TRUE"}}));
    REQUIRE(h.ok());
    CHECK(h->removeOffset);
    h = decode_header<DeleteSubscriptionGroupRequestHeader>(
        fields({{"groupName", "G"}, {"removeOffset", "yes"}}));
    REQUIRE(h.ok());
    CHECK_FALSE(h->removeOffset);
    h = decode_header<DeleteSubscriptionGroupRequestHeader>(fields({{"groupName", "G"}}));
    REQUIRE(h.ok());
    CHECK_FALSE(h->removeOffset);
}

TEST_CASE("encoding writes non-null fields as Java's String.valueOf text and round-trips") {
    SendMessageRequestHeaderV2 h;
    h.a = "PG";
    h.b = "TopicTest";
    h.c = "TBW102";
    h.d = 4;
    h.e = -1;
    h.f = 0;
    h.g = 1795356829323;
    h.h = 0;
    h.i = "TAGS\x01TagA";
    h.n = "broker-a";
    ExtFields ext = encode_header(h);
    REQUIRE(ext.find("e"));
    CHECK(*ext.find("e") == "-1");
    CHECK(*ext.find("g") == "1795356829323");
    CHECK(*ext.find("k") == "false");  // primitive: always sent
    CHECK(ext.find("j") == nullptr);   // null: omitted
    auto back = decode_header<SendMessageRequestHeaderV2>(ext);
    REQUIRE(back.ok());
    CHECK(*back == h);
}

TEST_CASE("wire names that are not C++ identifiers are kept") {
    QueryMessageRequestHeader q{"T", "k", 32, 0, 9, std::string("true")};
    ExtFields ext = encode_header(q);
    REQUIRE(ext.find("_UNIQUE_KEY_QUERY"));
    PutKVConfigRequestHeader kv{"ns", "k", "v"};
    CHECK(*encode_header(kv).find("namespace") == "ns");
}

TEST_CASE("the V2 send header converts to the long form and back without loss") {
    SendMessageRequestHeaderV2 v2{
        "PG", "T",  "TBW102",        4, 2, 1, 1795356829227, 7, std::string("TAGS\x01x"), 3, true,
        16,   true, std::string("b")};
    SendMessageRequestHeader l = to_long_form(v2);
    CHECK(l.producerGroup == "PG");
    CHECK(l.queueId == 2);
    CHECK(l.bornTimestamp == 1795356829227);
    CHECK(l.maxReconsumeTimes == 16);
    CHECK(l.batch);
    CHECK(to_short_form(l) == v2);
}
