// The metadata tables against the files a Java 4.9.8 broker wrote (tests/golden/*/store/config):
// decode then encode gives the same bytes, the data is what the broker had, and the tables read
// what other versions write.
#include <fstream>

#include "catch.hpp"
#include "golden.hpp"
#include "store/config_file.hpp"
#include "store/metadata/consumer_filter_table.hpp"
#include "store/metadata/consumer_offset_table.hpp"
#include "store/metadata/delay_offset_table.hpp"
#include "store/metadata/subscription_group.hpp"
#include "store/metadata/topic_config.hpp"
#include "temp_dir.hpp"

using namespace rmq;
using namespace rmq::store;
namespace fs = std::filesystem;

namespace {

fs::path golden_config() {
    return test::golden_dir() / "store-clean/store/config";
}

template <class Table>
Table decode_ok(std::string_view text) {
    auto t = Table::decode(text);
    INFO((t.ok() ? std::string("ok") : t.error().message));
    REQUIRE(t.ok());
    return std::move(*t);
}

// Decoding a golden file and encoding the table again must give the file byte for byte.
// (Java's ConcurrentHashMap order is kept because the tables keep the order they were loaded in.)
template <class Table>
void check_round_trip(const fs::path& file) {
    INFO(file.string());
    const std::string text = test::read_file(file);
    CHECK(decode_ok<Table>(text).encode() == text);
}

void put_file(const fs::path& path, const std::string& content) {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << content;
}

}  // namespace

TEST_CASE("every golden config file and .bak is re-encoded byte for byte") {
    const fs::path dir = golden_config();
    for (const char* suffix : {"", ".bak"}) {
        check_round_trip<TopicConfigTable>(dir / (std::string("topics.json") + suffix));
        check_round_trip<ConsumerOffsetTable>(dir / (std::string("consumerOffset.json") + suffix));
        check_round_trip<DelayOffsetTable>(dir / (std::string("delayOffset.json") + suffix));
        check_round_trip<ConsumerFilterTable>(dir / (std::string("consumerFilter.json") + suffix));
    }
    check_round_trip<SubscriptionGroupTable>(dir / "subscriptionGroup.json");
    check_round_trip<TopicConfigTable>(test::golden_dir()
                                       / "store-crashed/store/config/topics.json");
}

TEST_CASE("topics.json holds what the Java broker had") {
    auto t = decode_ok<TopicConfigTable>(test::read_file(golden_config() / "topics.json"));
    CHECK(t.data_version == DataVersion{1795357068577, 7});
    CHECK(t.topics.size() == 15);
    CHECK(t.topics.begin()->key == "SCHEDULE_TOPIC_XXXX");  // the file's order
    const TopicConfig* bench = t.topics.find("BenchmarkTest");
    REQUIRE(bench != nullptr);
    CHECK(bench->read_queue_nums == 1024);
    CHECK(bench->write_queue_nums == 1024);
    CHECK(bench->perm == 6);
    const TopicConfig* cluster = t.topics.find("DefaultCluster");
    REQUIRE(cluster != nullptr);
    CHECK(*cluster == TopicConfig{.topic_name = "DefaultCluster", .perm = 7});  // 16/16 SINGLE_TAG
    CHECK(t.topics.find("RMQ_SYS_TRANS_OP_HALF_TOPIC") == nullptr);             // spec §7.1
    auto bak = decode_ok<TopicConfigTable>(test::read_file(golden_config() / "topics.json.bak"));
    CHECK(bak.data_version == DataVersion{1795357043650, 6});
}

TEST_CASE("consumerOffset.json, delayOffset.json and subscriptionGroup.json hold the data") {
    auto offsets =
        decode_ok<ConsumerOffsetTable>(test::read_file(golden_config() / "consumerOffset.json"));
    CHECK(offsets.offsets.size() == 2);
    CHECK(offsets.query("StoreTopicA", "StoreConsumerGroup", 0) == 11);
    CHECK(offsets.query("StoreTopicA", "StoreConsumerGroup", 3) == 10);
    CHECK(offsets.query("StoreTopicA", "StoreConsumerGroup", 4) == std::nullopt);
    CHECK(offsets.query("%RETRY%StoreConsumerGroup", "StoreConsumerGroup", 0) == 1);
    CHECK(offsets.query("StoreTopicA", "OtherGroup", 0) == std::nullopt);

    auto delay = decode_ok<DelayOffsetTable>(test::read_file(golden_config() / "delayOffset.json"));
    CHECK(delay.offsets == std::map<int32_t, int64_t>{{1, 1}, {2, 1}, {3, 1}});

    auto groups = decode_ok<SubscriptionGroupTable>(
        test::read_file(golden_config() / "subscriptionGroup.json"));
    CHECK(groups.data_version == DataVersion{1795357043588, 1});
    CHECK(groups.groups.size() == 8);
    const SubscriptionGroupConfig* g = groups.groups.find("StoreConsumerGroup");
    REQUIRE(g != nullptr);
    CHECK(*g == SubscriptionGroupConfig{.group_name = "StoreConsumerGroup"});  // Java defaults
    for (const char* builtin :
         {"TOOLS_CONSUMER", "FILTERSRV_CONSUMER", "SELF_TEST_C_GROUP", "CID_ONS-HTTP-PROXY",
          "CID_ONSAPI_PULL", "CID_ONSAPI_PERMISSION", "CID_ONSAPI_OWNER"})
        CHECK(groups.groups.contains(builtin));
}

TEST_CASE("tables built in code are written in fastjson's exact layout") {
    TopicConfigTable topics;
    topics.data_version = {1700000000000, 3};
    topics.put(TopicConfig{.topic_name = "TopicTest", .read_queue_nums = 4, .write_queue_nums = 4});
    CHECK(topics.encode()
          == "{\n"
             "\t\"dataVersion\":{\n"
             "\t\t\"counter\":3,\n"
             "\t\t\"timestamp\":1700000000000\n"
             "\t},\n"
             "\t\"topicConfigTable\":{\n"
             "\t\t\"TopicTest\":{\n"
             "\t\t\t\"order\":false,\n"
             "\t\t\t\"perm\":6,\n"
             "\t\t\t\"readQueueNums\":4,\n"
             "\t\t\t\"topicFilterType\":\"SINGLE_TAG\",\n"
             "\t\t\t\"topicName\":\"TopicTest\",\n"
             "\t\t\t\"topicSysFlag\":0,\n"
             "\t\t\t\"writeQueueNums\":4\n"
             "\t\t}\n"
             "\t}\n"
             "}");

    ConsumerOffsetTable offsets;
    offsets.commit("TopicTest", "CG", 1, 248);
    offsets.commit("TopicTest", "CG", 0, 250);
    offsets.commit("%RETRY%CG", "CG", 0, 0);
    CHECK(offsets.encode()
          == "{\n"
             "\t\"offsetTable\":{\n"
             "\t\t\"TopicTest@CG\":{0:250,1:248\n"
             "\t\t},\n"
             "\t\t\"%RETRY%CG@CG\":{0:0\n"
             "\t\t}\n"
             "\t}\n"
             "}");

    DelayOffsetTable delay;
    CHECK(delay.encode() == "{\n\t\"offsetTable\":{}\n}");
    delay.offsets = {{3, 7}, {1, 12}, {2, 0}};
    CHECK(delay.encode() == "{\n\t\"offsetTable\":{1:12,2:0,3:7\n\t}\n}");

    CHECK(ConsumerFilterTable{}.encode()
          == test::read_file(golden_config() / "consumerFilter.json"));

    SubscriptionGroupTable groups;
    groups.data_version = {5, 1};
    CHECK(groups.encode()
          == "{\n\t\"dataVersion\":{\n\t\t\"counter\":1,\n\t\t\"timestamp\":5\n\t},\n"
             "\t\"subscriptionGroupTable\":{}\n}");
}

TEST_CASE("the tables read what 5.x and non-Java writers produce") {
    // 5.x adds stateVersion, attributes, forbiddenTable and group fields; strings for numbers,
    // a filter type by ordinal, a quoted queue id and compact text are all fastjson-readable.
    auto topics = decode_ok<TopicConfigTable>(R"({
        "dataVersion":{"counter":"2","stateVersion":0,"timestamp":1700000000000},
        "topicConfigTable":{
            "A":{"attributes":{"+message.type":"NORMAL"},"order":false,"perm":"4",
                 "readQueueNums":8,"topicFilterType":1,"topicName":"A","topicSysFlag":0,
                 "writeQueueNums":8,"topicMessageType":"NORMAL"},
            "B":{},
            "C":null,
        },
        "unknownTopLevel":[1,2,3]})");
    CHECK(topics.data_version == DataVersion{1700000000000, 2});
    REQUIRE(topics.topics.size() == 2);
    const TopicConfig* a = topics.topics.find("A");
    REQUIRE(a != nullptr);
    CHECK(a->perm == 4);
    CHECK(a->read_queue_nums == 8);
    CHECK(a->topic_filter_type == TopicFilterType::multi_tag);
    CHECK(*topics.topics.find("B") == TopicConfig{.topic_name = "B"});  // all defaults

    auto groups = decode_ok<SubscriptionGroupTable>(R"({"dataVersion":{"counter":1,
        "timestamp":1},"forbiddenTable":{},"subscriptionGroupTable":{"G":{"groupName":"G",
        "consumeEnable":"false","retryMaxTimes":3,"groupSysFlag":0,"consumeTimeoutMinute":15,
        "subscriptionDataSet":[],"attributes":{},"groupRetryPolicy":{"type":"CUSTOMIZED"}}}})");
    const SubscriptionGroupConfig* g = groups.groups.find("G");
    REQUIRE(g != nullptr);
    CHECK(!g->consume_enable);
    CHECK(g->retry_max_times == 3);
    CHECK(g->retry_queue_nums == 1);

    auto offsets = decode_ok<ConsumerOffsetTable>(R"({"offsetTable":{"T@G":{"0":5,1:"6"}}})");
    CHECK(offsets.query("T", "G", 0) == 5);
    CHECK(offsets.query("T", "G", 1) == 6);

    auto delay = decode_ok<DelayOffsetTable>(R"({"dataVersion":{},"offsetTable":{2:9}})");
    CHECK(delay.offsets == std::map<int32_t, int64_t>{{2, 9}});

    // A Java broker with SQL92 consumers leaves registrations; they are tolerated and dropped.
    auto filters = ConsumerFilterTable::decode(R"({"filterDataByTopic":{"T":{"groupFilterData":
        {"G":{"bornTime":1,"clientVersion":2,"consumerGroup":"G","dead":false,"deadTime":0,
        "expression":"a > 1","expressionType":"SQL92","topic":"T"}},"topic":"T"}}})");
    CHECK(filters.ok());

    // Missing tables are empty tables.
    CHECK(decode_ok<ConsumerOffsetTable>("{}").offsets.empty());
    CHECK(decode_ok<TopicConfigTable>("{}").topics.empty());
}

TEST_CASE("values fastjson could not bind are errors naming the entry and property") {
    auto bad = TopicConfigTable::decode(R"({"topicConfigTable":{"T":{"perm":"rw"}}})");
    REQUIRE(!bad.ok());
    CHECK(bad.error().code == store::errc::bad_config);
    CHECK(bad.error().message
          == R"(topicConfigTable["T"]: topic config: property "perm" is not a 32-bit integer)");

    auto not_object = TopicConfigTable::decode(R"({"topicConfigTable":[]})");
    REQUIRE(!not_object.ok());
    CHECK(not_object.error().message == "topicConfigTable is not a JSON object");

    auto bad_key = ConsumerOffsetTable::decode(R"({"offsetTable":{"T@G":{x:1}}})");
    REQUIRE(!bad_key.ok());
    CHECK(bad_key.error().message == R"(offsetTable["T@G"]: offsets: key x is not an integer)");

    auto torn = DelayOffsetTable::decode("{\n\t\"offsetTable\":{1:1,2:");
    REQUIRE(!torn.ok());
    CHECK(torn.error().message.starts_with("unexpected end of input at byte"));

    CHECK(!SubscriptionGroupTable::decode("[]").ok());
    CHECK(!ConsumerFilterTable::decode(R"({"filterDataByTopic":5})").ok());
}

TEST_CASE("DataVersion.next_version moves the timestamp and counts changes") {
    DataVersion v{0, 41};
    v.next_version();
    CHECK(v.counter == 42);
    CHECK(v.timestamp > 1700000000000);
    CHECK(DataVersion::now().counter == 0);
}

TEST_CASE("persist then load gives the same tables, the .bak keeps the previous version") {
    test::TempDir dir("rmq-metadata");
    auto topics = decode_ok<TopicConfigTable>(test::read_file(golden_config() / "topics.json"));
    REQUIRE(topics.persist(dir.path()).ok());
    CHECK(test::read_file(dir / "topics.json") == test::read_file(golden_config() / "topics.json"));
    auto loaded = TopicConfigTable::load(dir.path());
    REQUIRE(loaded.ok());
    CHECK(*loaded == topics);

    topics.put(TopicConfig{.topic_name = "NewTopic", .read_queue_nums = 2, .write_queue_nums = 2});
    topics.data_version.next_version();
    REQUIRE(topics.persist(dir.path()).ok());
    CHECK(test::read_file(dir / "topics.json.bak")
          == test::read_file(golden_config() / "topics.json"));
    loaded = TopicConfigTable::load(dir.path());
    REQUIRE(loaded.ok());
    CHECK(*loaded == topics);
    CHECK(std::prev(loaded->topics.end())->key == "NewTopic");  // new keys go last

    ConsumerOffsetTable offsets;
    offsets.commit("T", "G", 3, 30);
    REQUIRE(offsets.persist(dir.path()).ok());
    auto offsets_back = ConsumerOffsetTable::load(dir.path());
    REQUIRE(offsets_back.ok());
    CHECK(*offsets_back == offsets);

    DelayOffsetTable delay;
    delay.offsets[1] = 12;
    REQUIRE(delay.persist(dir.path()).ok());
    auto delay_back = DelayOffsetTable::load(dir.path());
    REQUIRE(delay_back.ok());
    CHECK(*delay_back == delay);

    SubscriptionGroupTable groups;
    groups.put(SubscriptionGroupConfig{.group_name = "G", .retry_max_times = 2});
    REQUIRE(groups.persist(dir.path()).ok());
    auto groups_back = SubscriptionGroupTable::load(dir.path());
    REQUIRE(groups_back.ok());
    CHECK(*groups_back == groups);

    REQUIRE(ConsumerFilterTable{}.persist(dir.path()).ok());
    CHECK(ConsumerFilterTable::load(dir.path()).ok());
}

TEST_CASE("a torn topics.json falls back to its .bak, nothing at all is an empty table") {
    test::TempDir dir("rmq-metadata");
    fs::copy_file(golden_config() / "topics.json.bak", dir / "topics.json.bak");
    const std::string golden = test::read_file(golden_config() / "topics.json");
    put_file(dir / "topics.json", golden.substr(0, golden.size() / 2));  // torn by a crash
    auto loaded = TopicConfigTable::load(dir.path());
    REQUIRE(loaded.ok());
    CHECK(loaded->data_version.counter == 6);  // the .bak's version
    CHECK(loaded->topics.size() == 14);        // the transaction half topic came with version 7
    CHECK(!loaded->topics.contains("RMQ_SYS_TRANS_HALF_TOPIC"));

    auto offsets = ConsumerOffsetTable::load(dir.path());  // neither file exists
    REQUIRE(offsets.ok());
    CHECK(offsets->offsets.empty());
    auto groups = SubscriptionGroupTable::load(dir.path());
    REQUIRE(groups.ok());
    CHECK(groups->groups.empty());
    CHECK(groups->data_version.counter == 0);
}

TEST_CASE("the crashed store has only topics.json: the other tables load empty") {
    const fs::path dir = test::golden_dir() / "store-crashed/store/config";
    auto topics = TopicConfigTable::load(dir);
    REQUIRE(topics.ok());
    CHECK(topics->data_version.counter == 1);
    CHECK(ConsumerOffsetTable::load(dir).ok());
    CHECK(ConsumerOffsetTable::load(dir)->offsets.empty());
    CHECK(DelayOffsetTable::load(dir)->offsets.empty());
    CHECK(SubscriptionGroupTable::load(dir)->groups.empty());
    CHECK(ConsumerFilterTable::load(dir).ok());
}

TEST_CASE("garbage in both the file and its .bak stops the load with the file named") {
    test::TempDir dir("rmq-metadata");
    put_file(dir / "subscriptionGroup.json", "{\"subscriptionGroupTable\":");
    put_file(dir / "subscriptionGroup.json.bak", "\x01\x02");
    auto r = SubscriptionGroupTable::load(dir.path());
    REQUIRE(!r.ok());
    CHECK(r.error().code == store::errc::bad_config);
    CHECK(r.error().message.find((dir / "subscriptionGroup.json").string()) != std::string::npos);
}
