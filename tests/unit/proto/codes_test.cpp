#include "catch.hpp"
#include "proto/language_code.hpp"
#include "proto/request_code.hpp"
#include "proto/response_code.hpp"

using namespace rmq::proto;

TEST_CASE("request and response codes carry RocketMQ's numbers and names") {
    CHECK(to_int(RequestCode::SEND_MESSAGE_V2) == 310);
    CHECK(to_int(RequestCode::PULL_MESSAGE) == 11);
    CHECK(to_int(RequestCode::GET_ROUTEINFO_BY_TOPIC) == 105);
    CHECK(request_code_name(320) == "SEND_BATCH_MESSAGE");
    CHECK(request_code_name(9999) == "UNKNOWN");
    CHECK(to_int(ResponseCode::PULL_OFFSET_MOVED) == 21);
    CHECK(response_code_name(3) == "REQUEST_CODE_NOT_SUPPORTED");
    CHECK(response_code_name(215) == "FLOW_CONTROL");
}

TEST_CASE("language codes map names and ordinals leniently") {
    CHECK(language_from_name("GO") == LanguageCode::GO);
    CHECK(language_from_name("COBOL") == LanguageCode::OTHER);
    CHECK(language_from_ordinal(1) == LanguageCode::CPP);
    CHECK(language_from_ordinal(99) == LanguageCode::OTHER);
    CHECK(language_name(LanguageCode::JAVA) == "JAVA");
}
