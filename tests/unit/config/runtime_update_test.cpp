#include "config/runtime_update.hpp"

#include "catch.hpp"

using namespace rmq::config;

namespace {

struct Settings {
    int32_t interval = 500;
    bool enabled = false;
    std::string home = "/opt/rocketmq";

    std::vector<Schema> schemas() {
        Schema s("Settings");
        s.int32("flushInterval", &interval)
            .boolean("enabled", &enabled)
            .string("rocketmqHome", &home);
        return {s};
    }
};

}  // namespace

TEST_CASE("runtime update: known keys applied, unknown ignored, applied keys returned") {
    Settings settings;
    auto keys = apply_runtime_update(settings.schemas(), "flushInterval=800\nenabled=true\nx=1\n",
                                     "configBlackList");
    REQUIRE(keys);
    CHECK(*keys == std::vector<std::string>{"flushInterval", "enabled"});
    CHECK(settings.interval == 800);
    CHECK(settings.enabled);
}

TEST_CASE("runtime update: black-listed keys refuse the whole update") {
    Settings settings;
    for (const char* body : {"flushInterval=1\nrocketmqHome=/x",
                             "configBlackList=", "flushInterval=1\nbrokerConfigPath=/etc/x"}) {
        auto r = apply_runtime_update(settings.schemas(), body, "configBlackList;brokerConfigPath");
        REQUIRE_FALSE(r);
        CHECK(r.error().code == rmq::proto::to_int(rmq::proto::ResponseCode::NO_PERMISSION));
        CHECK(r.error().remark == "Can not update config in black list.");
    }
    CHECK(settings.interval == 500);
    CHECK(settings.home == "/opt/rocketmq");
}

TEST_CASE("runtime update: a malformed value names the key and changes nothing") {
    Settings settings;
    auto r = apply_runtime_update(settings.schemas(), "enabled=true\nflushInterval=soon", "");
    REQUIRE_FALSE(r);
    CHECK(r.error().code == rmq::proto::to_int(rmq::proto::ResponseCode::SYSTEM_ERROR));
    CHECK_THAT(r.error().remark, rmq::test::contains("flushInterval"));
    CHECK_FALSE(settings.enabled);
    CHECK(settings.interval == 500);

    auto escape = apply_runtime_update(settings.schemas(), "enabled=\\u12", "");
    REQUIRE_FALSE(escape);
    CHECK(escape.error().code == rmq::proto::to_int(rmq::proto::ResponseCode::SYSTEM_ERROR));
}
