#include "metadata/topic_config_manager.hpp"

#include "catch.hpp"
#include "golden.hpp"
#include "metadata/topic_validator.hpp"
#include "temp_dir.hpp"

using namespace rmq::broker;

namespace {

TopicSettings settings_in(const std::filesystem::path& dir) {
    TopicSettings s;
    s.cluster_name = "DefaultCluster";
    s.broker_name = "broker-a";
    s.config_dir = dir;
    return s;
}

}  // namespace

TEST_CASE("topic names follow TopicValidator") {
    CHECK(check_topic_name("Topic_A-1%|x").ok());
    CHECK(check_topic_name("").error().remark == "The specified topic is blank.");
    CHECK(check_topic_name("a b").error().remark.find("illegal characters") != std::string::npos);
    CHECK(check_topic_name(std::string(128, 'a')).error().remark
          == "The specified topic is longer than topic max length.");
    CHECK(check_topic_name("").error().code
          == rmq::proto::to_int(rmq::proto::ResponseCode::SYSTEM_ERROR));
    CHECK(is_builtin_system_topic("TBW102"));
    CHECK(is_builtin_system_topic("rmq_sys_anything"));
    CHECK_FALSE(is_builtin_system_topic("TopicTest"));
    CHECK(is_send_forbidden_topic("SCHEDULE_TOPIC_XXXX"));
    CHECK_FALSE(is_send_forbidden_topic("TBW102"));
}

TEST_CASE("the built-in topics are those of a 4.9.8 broker") {
    rmq::test::TempDir dir;
    TopicConfigManager topics(settings_in(dir.path()));
    REQUIRE(topics.load());
    // As in the golden topics.json of a fresh 4.9.8 broker (DefaultCluster / broker-a).
    const auto golden =
        rmq::store::TopicConfigTable::load(rmq::test::golden_dir() / "store-clean/store/config");
    REQUIRE(golden);
    for (const char* name :
         {"SELF_TEST_TOPIC", "TBW102", "BenchmarkTest", "DefaultCluster", "broker-a",
          "OFFSET_MOVED_EVENT", "SCHEDULE_TOPIC_XXXX", "DefaultCluster_REPLY_TOPIC"}) {
        INFO(name);
        auto ours = topics.find(name);
        REQUIRE(ours);
        const auto* theirs = golden->topics.find(name);
        REQUIRE(theirs);
        CHECK(*ours == *theirs);
        CHECK(topics.is_system_topic(name));
    }
    CHECK_FALSE(topics.is_system_topic("StoreTopicA"));
}

TEST_CASE("admin changes persist in topics.json with a new data version") {
    rmq::test::TempDir dir;
    const auto version_before = [&] {
        TopicConfigManager topics(settings_in(dir.path()));
        REQUIRE(topics.load());
        rmq::store::TopicConfig t;
        t.topic_name = "Orders";
        t.read_queue_nums = t.write_queue_nums = 4;
        topics.create_or_update(t);
        return topics.data_version();
    }();
    TopicConfigManager again(settings_in(dir.path()));
    REQUIRE(again.load());
    REQUIRE(again.find("Orders"));
    CHECK(again.find("Orders")->write_queue_nums == 4);
    CHECK(again.data_version() == version_before);
    CHECK(again.erase("Orders"));
    CHECK_FALSE(again.erase("Orders"));
    CHECK(again.data_version().counter == version_before.counter + 1);
}

TEST_CASE("a send to an unknown topic creates it from TBW102") {
    rmq::test::TempDir dir;
    TopicConfigManager topics(settings_in(dir.path()));
    REQUIRE(topics.load());
    auto created = topics.create_in_send("NewTopic", "TBW102", 4, 0);
    REQUIRE(created);
    CHECK(created->read_queue_nums == 4);
    CHECK(created->write_queue_nums == 4);
    CHECK(created->perm == 6);
    auto retry = topics.create_in_send("%RETRY%G", "NoSuchTemplate", 4, 0);
    REQUIRE(retry);
    CHECK(retry->write_queue_nums == 1);
    CHECK_FALSE(topics.create_in_send("Other", "NoSuchTemplate", 4, 0));

    auto no_auto = settings_in(dir.path() / "b");
    no_auto.auto_create_topic_enable = false;
    TopicConfigManager strict(no_auto);
    REQUIRE(strict.load());
    CHECK_FALSE(strict.find("TBW102"));
    CHECK_FALSE(strict.create_in_send("NewTopic", "TBW102", 4, 0));
}

TEST_CASE("retry topics are created once on a heartbeat and the creation is reported") {
    rmq::test::TempDir dir;
    TopicConfigManager topics(settings_in(dir.path()));
    REQUIRE(topics.load());
    const auto before = topics.data_version();
    bool created = false;
    auto retry = topics.create_in_send_back("%RETRY%CG", 1, 6, 0, &created);
    CHECK(created);  // the broker re-registers with the name servers on this
    CHECK(retry.read_queue_nums == 1);
    CHECK(retry.write_queue_nums == 1);
    CHECK(retry.perm == 6);
    CHECK(topics.find("%RETRY%CG"));
    CHECK(topics.data_version().counter == before.counter + 1);

    created = true;
    auto again = topics.create_in_send_back("%RETRY%CG", 3, 6, 0, &created);
    CHECK_FALSE(created);  // already there: nothing to register
    CHECK(again.read_queue_nums == 1);
    CHECK(topics.create_in_send_back("%DLQ%CG", 1, 2, 0).perm == 2);  // the flag is optional
}

TEST_CASE("ORDER_TOPIC_CONFIG from the name server marks ordered topics") {
    rmq::test::TempDir dir;
    TopicConfigManager topics(settings_in(dir.path()));
    REQUIRE(topics.load());
    rmq::store::TopicConfig t;
    t.topic_name = "Seq";
    topics.create_or_update(t);
    topics.update_order_topics({"Seq"});
    CHECK(topics.find("Seq")->order);
    topics.update_order_topics({});
    CHECK_FALSE(topics.find("Seq")->order);
}
