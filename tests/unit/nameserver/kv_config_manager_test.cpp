#include "kv_config_manager.hpp"

#include "catch.hpp"
#include "golden.hpp"
#include "temp_dir.hpp"

using namespace rmq::nameserver;

TEST_CASE("KV config survives a restart in kvConfig.json") {
    rmq::test::TempDir dir;
    const auto file = dir.path() / "namesrv" / "kvConfig.json";
    {
        KvConfigManager kv(file);
        REQUIRE(kv.load());
        REQUIRE(kv.put("ORDER_TOPIC_CONFIG", "TopicOrder", "broker-a:4;broker-b:4"));
        REQUIRE(kv.put("ns", "k", "v"));
        REQUIRE(kv.remove("ns", "k"));
    }
    KvConfigManager again(file);
    REQUIRE(again.load());
    CHECK(again.get("ORDER_TOPIC_CONFIG", "TopicOrder") == "broker-a:4;broker-b:4");
    CHECK_FALSE(again.get("ns", "k"));
    CHECK_FALSE(again.namespace_table("ns"));
    CHECK(again.namespace_table("ORDER_TOPIC_CONFIG")->size() == 1);
    CHECK(rmq::test::read_file(file)
          == R"({"configTable":{"ORDER_TOPIC_CONFIG":{"TopicOrder":"broker-a:4;broker-b:4"}}})");
}
