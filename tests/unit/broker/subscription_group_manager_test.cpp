#include "metadata/subscription_group_manager.hpp"

#include "catch.hpp"
#include "golden.hpp"
#include "temp_dir.hpp"

using namespace rmq::broker;

TEST_CASE("built-in groups exist and unknown groups are created on first use") {
    rmq::test::TempDir dir;
    {
        SubscriptionGroupManager groups(dir.path(), true);
        REQUIRE(groups.load());
        for (const char* name :
             {"TOOLS_CONSUMER", "FILTERSRV_CONSUMER", "SELF_TEST_C_GROUP", "CID_ONS-HTTP-PROXY",
              "CID_ONSAPI_PULL", "CID_ONSAPI_PERMISSION", "CID_ONSAPI_OWNER"})
            CHECK(groups.find(name));
        auto created = groups.find_or_create("CG");
        REQUIRE(created);
        CHECK(created->retry_max_times == 16);
        CHECK(created->retry_queue_nums == 1);
    }
    SubscriptionGroupManager again(dir.path(), false);
    REQUIRE(again.load());
    CHECK(again.find("CG"));  // persisted
    CHECK_FALSE(again.find_or_create("Unknown"));
    CHECK(again.find_or_create("CID_RMQ_SYS_TRANS"));  // system groups always
    auto cg = *again.find("CG");
    cg.consume_enable = false;
    again.create_or_update(cg);
    CHECK_FALSE(again.find("CG")->consume_enable);
    CHECK(again.erase("CG"));
    CHECK_FALSE(again.find("CG"));
}

TEST_CASE("a 4.9.8 subscriptionGroup.json loads on top of the built-in groups") {
    rmq::test::TempDir dir;
    std::filesystem::copy(rmq::test::golden_dir() / "store-clean/store/config",
                          dir.path() / "config");
    SubscriptionGroupManager groups(dir.path() / "config", true);
    REQUIRE(groups.load());
    CHECK(groups.find("StoreConsumerGroup"));
    CHECK(groups.find("TOOLS_CONSUMER"));
}
