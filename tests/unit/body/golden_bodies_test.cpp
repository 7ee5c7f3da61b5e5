// Every JSON body captured from a real RocketMQ 4.9.8 deployment that rmq::body models decodes,
// and re-encodes to the same bytes. Decoding keeps the order of hash-map entries as the sender
// wrote them, so re-encoding a decoded body is exact for every body; separately, where Java's
// order comes from a String-keyed hash table, the test checks that java_hash_order.hpp
// reproduces it from the key set alone (the order a producer of the body must use).
#include <algorithm>
#include <random>

#include "body/cluster_info.hpp"
#include "body/consumer_list.hpp"
#include "body/heartbeat_data.hpp"
#include "body/java_hash_order.hpp"
#include "body/kv_table.hpp"
#include "body/message_queue.hpp"
#include "body/offset_tables.hpp"
#include "body/queue_stats.hpp"
#include "body/register_broker_body.hpp"
#include "body/subscription_group_wrapper.hpp"
#include "body/topic_config_serialize_wrapper.hpp"
#include "body/topic_list.hpp"
#include "body/topic_route_data.hpp"
#include "catch.hpp"
#include "golden_frames.hpp"

using namespace rmq;
using namespace rmq::body;

namespace {

// Shuffles a map's entries, then sorts them into Java's hash order for `capacity`. Exact only
// when no two keys share a bucket (true of these tables at capacity 1024/2048); keys sharing a
// bucket keep their insertion order in Java.
template <class V>
OrderedMap<std::string, V> rebuilt_in_java_order(const OrderedMap<std::string, V>& map,
                                                 size_t capacity) {
    std::vector<std::pair<std::string, V>> entries(map.begin(), map.end());
    std::mt19937 rng(42);
    std::shuffle(entries.begin(), entries.end(), rng);
    OrderedMap<std::string, V> out;
    for (auto& [k, v] : entries)
        out.insert_or_assign(k, v);
    sort_in_java_hash_order(out, capacity);
    return out;
}

template <class V>
std::vector<std::string> keys_of(const OrderedMap<std::string, V>& map) {
    std::vector<std::string> keys;
    for (const auto& [k, v] : map)
        keys.push_back(k);
    return keys;
}

}  // namespace

TEST_CASE("golden REGISTER_BROKER bodies decode and re-encode byte for byte") {
    std::vector<test::BodyFrame> frames = test::body_frames("REGISTER_BROKER", false);
    REQUIRE(frames.size() == 17);  // 10 two-way, 7 oneway
    for (const auto& f : frames) {
        INFO(f.file);
        CHECK(f.body == f.body_text);
        const json::Value* compressed = f.ext_fields.find("compressed");
        REQUIRE(compressed != nullptr);
        CHECK(*compressed->if_string() == "false");  // 4.9.8's default compressedRegister=false
        auto body = RegisterBrokerBody::decode(f.body, false);
        REQUIRE(body.ok());
        CHECK(body->encode() == f.body);
        CHECK(body->filter_server_list.empty());
        const auto& table = body->topic_config_serialize_wrapper.topic_config_table;
        // A full registration lists every topic; after UPDATE_AND_CREATE_TOPIC the broker sends
        // an incremental one (registerIncrementBrokerData) carrying only the new topic.
        REQUIRE(!table.empty());
        for (const auto& [name, config] : table)
            CHECK(name == config.topic_name);
        // TopicConfigManager's ConcurrentHashMap(1024): capacity 2048.
        const size_t capacity = java_concurrent_hash_map_capacity(table.size(), 1024);
        CHECK(capacity == 2048);
        CHECK(keys_of(rebuilt_in_java_order(table, capacity)) == keys_of(table));
    }
    auto first = RegisterBrokerBody::decode(frames.front().body);
    REQUIRE(first.ok());
    const TopicConfig* tbw =
        first->topic_config_serialize_wrapper.topic_config_table.find("TBW102");
    REQUIRE(tbw != nullptr);
    CHECK(tbw->perm == 7);
    CHECK(tbw->read_queue_nums == 8);
    CHECK(first->topic_config_serialize_wrapper.data_version == DataVersion{1795356814866, 0});
}

TEST_CASE("a golden REGISTER_BROKER body survives the compressed form (minus sysFlag/order)") {
    auto frames = test::body_frames("REGISTER_BROKER", false);
    auto body = RegisterBrokerBody::decode(frames.back().body);
    REQUIRE(body.ok());
    body->filter_server_list = {"10.0.0.9:9999"};
    std::string packed = body->encode_compressed();
    REQUIRE(packed.size() > 2);
    CHECK(static_cast<unsigned char>(packed[0]) == 0x78);
    CHECK(static_cast<unsigned char>(packed[1]) == 0xDA);  // BEST_COMPRESSION
    auto back = RegisterBrokerBody::decode(packed, true);
    REQUIRE(back.ok());
    RegisterBrokerBody expected = *body;
    for (auto& [name, config] : expected.topic_config_serialize_wrapper.topic_config_table) {
        config.topic_sys_flag = 0;
        config.order = false;
    }
    CHECK(*back == expected);
    CHECK(back->encode() == expected.encode());
}

TEST_CASE("golden GET_ROUTEINFO_BY_TOPIC responses are the standard-JSON form") {
    auto frames = test::body_frames("GET_ROUTEINFO_BY_TOPIC", true);
    REQUIRE(frames.size() >= 40);  // the TOPIC_NOT_EXIST answers carry no body
    for (const auto& f : frames) {
        INFO(f.file);
        CHECK(f.body == f.body_text);
        auto route = TopicRouteData::decode(f.body);
        REQUIRE(route.ok());
        // Java 4.9.8 clients send version 409 (≥ 401): quoted broker ids.
        CHECK(route->encode(true) == f.body);
        REQUIRE(route->broker_datas.size() == 1);
        CHECK(route->broker_datas[0].select_broker_addr() == "127.0.0.1:20911");
        CHECK(!route->order_topic_conf);
        // The default form differs only in the bare broker id.
        std::string legacy = f.body;
        legacy.replace(legacy.find("{\"0\":"), 5, "{0:");
        CHECK(route->encode(false) == legacy);
    }
}

TEST_CASE("golden GET_BROKER_CLUSTER_INFO responses round-trip") {
    auto frames = test::body_frames("GET_BROKER_CLUSTER_INFO", true);
    REQUIRE(frames.size() == 2);
    for (const auto& f : frames) {
        INFO(f.file);
        auto info = ClusterInfo::decode(f.body);
        REQUIRE(info.ok());
        CHECK(info->encode() == f.body);
        const BrokerData* a = info->broker_addr_table.find("broker-a");
        REQUIRE(a != nullptr);
        CHECK(a->broker_addrs.at(0) == "127.0.0.1:20911");
        CHECK(a->cluster == "DefaultCluster");
        CHECK(*info->cluster_addr_table.find("DefaultCluster")
              == std::vector<std::string>{"broker-a"});
    }
}

TEST_CASE("golden GET_ALL_TOPIC_LIST_FROM_NAMESERVER response: round trip and HashMap order") {
    auto frames = test::body_frames("GET_ALL_TOPIC_LIST_FROM_NAMESERVER", true);
    REQUIRE(frames.size() == 1);
    auto list = TopicList::decode(frames[0].body);
    REQUIRE(list.ok());
    CHECK(list->encode() == frames[0].body);
    CHECK(!list->broker_addr);
    REQUIRE(list->topic_list.size() == 18);
    // RouteInfoManager's topicQueueTable is a HashMap: 18 keys → capacity 32. The captured
    // order is bucket order; two buckets hold two topics each, and those keep their insertion
    // order (which the body does not reveal), so the check is that sorting by bucket leaves
    // the captured order as it is, and that the same key set in another order sorts into it
    // apart from those ties.
    CHECK(java_hash_map_capacity(18) == 32);
    std::vector<std::string> rebuilt = list->topic_list;
    sort_in_java_hash_order(rebuilt, 32);
    CHECK(rebuilt == list->topic_list);
    auto bucket = [](const std::string& t) { return java_hash_bucket(java_string_hash(t), 32); };
    CHECK(bucket("%RETRY%VecPushGroup") == bucket("RMQ_SYS_TRANS_HALF_TOPIC"));
    CHECK(bucket("VecTopic") == bucket("VecAutoTopic"));
    std::vector<std::string> sorted = list->topic_list;
    std::sort(sorted.begin(), sorted.end());
    sort_in_java_hash_order(sorted, 32);
    for (size_t i = 0; i < sorted.size(); ++i)
        CHECK(bucket(sorted[i]) == bucket(rebuilt[i]));
}

TEST_CASE("golden HEART_BEAT requests decode and re-encode byte for byte") {
    auto frames = test::body_frames("HEART_BEAT", false);
    REQUIRE(frames.size() == 28);
    size_t with_subscriptions = 0;
    for (const auto& f : frames) {
        INFO(f.file);
        auto heartbeat = HeartbeatData::decode(f.body);
        REQUIRE(heartbeat.ok());
        CHECK(heartbeat->encode() == f.body);
        CHECK(!heartbeat->client_id.empty());
        for (const auto& c : heartbeat->consumer_data_set) {
            CHECK(c.consume_type.has_value());
            CHECK(c.message_model.has_value());
            CHECK(c.consume_from_where.has_value());
            if (!c.subscription_data_set.empty()) ++with_subscriptions;
        }
    }
    CHECK(with_subscriptions > 0);
}

TEST_CASE("golden HEART_BEAT of a push consumer carries tags and their hash codes") {
    for (const auto& f : test::body_frames("HEART_BEAT", false)) {
        if (f.file.rfind("0115", 0) != 0) continue;
        auto heartbeat = HeartbeatData::decode(f.body);
        REQUIRE(heartbeat.ok());
        REQUIRE(heartbeat->consumer_data_set.size() == 1);
        const ConsumerData& c = heartbeat->consumer_data_set[0];
        CHECK(c.group_name == "VecPushGroup");
        CHECK(c.consume_type == ConsumeType::consume_passively);
        CHECK(c.message_model == MessageModel::clustering);
        CHECK(c.consume_from_where == ConsumeFromWhere::consume_from_first_offset);
        REQUIRE(c.subscription_data_set.size() == 2);
        const SubscriptionData& s = c.subscription_data_set[1];
        CHECK(s.topic == "VecTopic");
        CHECK(s.sub_string == "TagA || TagB");
        CHECK(s.tags_set == std::vector<std::string>{"TagA", "TagB"});
        CHECK(s.code_set
              == std::vector<int32_t>{java_string_hash("TagA"), java_string_hash("TagB")});
        CHECK(s.sub_version == 1795356837475);
        CHECK(s.expression_type == "TAG");
        return;
    }
    FAIL("frame 0115 not found");
}

TEST_CASE("golden GET_ALL_TOPIC_CONFIG responses round-trip in ConcurrentHashMap order") {
    auto frames = test::body_frames("GET_ALL_TOPIC_CONFIG", true);
    REQUIRE(frames.size() == 2);
    for (const auto& f : frames) {
        INFO(f.file);
        auto wrapper = TopicConfigSerializeWrapper::decode(f.body);
        REQUIRE(wrapper.ok());
        CHECK(wrapper->encode() == f.body);
        const auto& table = wrapper->topic_config_table;
        CHECK(keys_of(rebuilt_in_java_order(table,
                                            java_concurrent_hash_map_capacity(table.size(), 1024)))
              == keys_of(table));
    }
}

TEST_CASE("golden GET_ALL_SUBSCRIPTIONGROUP_CONFIG responses round-trip in hash order") {
    auto frames = test::body_frames("GET_ALL_SUBSCRIPTIONGROUP_CONFIG", true);
    REQUIRE(frames.size() == 2);
    for (const auto& f : frames) {
        INFO(f.file);
        auto wrapper = SubscriptionGroupWrapper::decode(f.body);
        REQUIRE(wrapper.ok());
        CHECK(wrapper->encode() == f.body);
        const auto& table = wrapper->subscription_group_table;
        CHECK(keys_of(rebuilt_in_java_order(table,
                                            java_concurrent_hash_map_capacity(table.size(), 1024)))
              == keys_of(table));
        const SubscriptionGroupConfig* g = table.find("VecPushGroup");
        REQUIRE(g != nullptr);
        CHECK(g->retry_max_times == 16);
        CHECK(g->which_broker_when_consume_slowly == 1);
    }
}

TEST_CASE("golden GET_ALL_CONSUMER_OFFSET and GET_ALL_DELAY_OFFSET responses round-trip") {
    auto offsets = test::body_frames("GET_ALL_CONSUMER_OFFSET", true);
    REQUIRE(offsets.size() == 2);
    for (const auto& f : offsets) {
        INFO(f.file);
        auto wrapper = ConsumerOffsetSerializeWrapper::decode(f.body);
        REQUIRE(wrapper.ok());
        CHECK(wrapper->encode() == f.body);
        // ConsumerOffsetManager's ConcurrentHashMap(512): capacity 1024.
        const auto& table = wrapper->offset_table;
        CHECK(keys_of(rebuilt_in_java_order(table,
                                            java_concurrent_hash_map_capacity(table.size(), 512)))
              == keys_of(table));
    }
    auto first = ConsumerOffsetSerializeWrapper::decode(offsets[0].body);
    REQUIRE(first.ok());
    CHECK(*first->offset_table.find("VecTopic@VecPullGroup") == QueueOffsets{{0, 1}, {1, 3}});

    auto delays = test::body_frames("GET_ALL_DELAY_OFFSET", true);
    REQUIRE(delays.size() == 2);
    for (const auto& f : delays) {
        INFO(f.file);
        auto wrapper = DelayOffsetSerializeWrapper::decode(f.body);
        REQUIRE(wrapper.ok());
        CHECK(wrapper->encode() == f.body);
    }
    auto delay = DelayOffsetSerializeWrapper::decode(delays[0].body);
    REQUIRE(delay.ok());
    CHECK(delay->offset_table == QueueOffsets{{1, 1}, {3, 1}});
}

TEST_CASE("golden GET_CONSUMER_LIST_BY_GROUP responses round-trip") {
    auto frames = test::body_frames("GET_CONSUMER_LIST_BY_GROUP", true);
    REQUIRE(frames.size() == 26);
    for (const auto& f : frames) {
        INFO(f.file);
        auto list = GetConsumerListByGroupResponseBody::decode(f.body);
        REQUIRE(list.ok());
        CHECK(list->encode() == f.body);
        CHECK(!list->consumer_id_list.empty());
    }
}

TEST_CASE("golden LOCK_BATCH_MQ / UNLOCK_BATCH_MQ bodies round-trip") {
    auto requests = test::body_frames("LOCK_BATCH_MQ", false);
    auto unlocks = test::body_frames("UNLOCK_BATCH_MQ", false);
    requests.insert(requests.end(), unlocks.begin(), unlocks.end());
    REQUIRE(requests.size() == 8);
    for (const auto& f : requests) {
        INFO(f.file);
        auto body = LockBatchRequestBody::decode(f.body);
        REQUIRE(body.ok());
        CHECK(body->encode() == f.body);
        CHECK(body->consumer_group == "VecOrderlyGroup");
        CHECK(!body->mq_set.empty());
    }
    auto responses = test::body_frames("LOCK_BATCH_MQ", true);
    REQUIRE(responses.size() == 7);
    for (const auto& f : responses) {
        INFO(f.file);
        auto body = LockBatchResponseBody::decode(f.body);
        REQUIRE(body.ok());
        CHECK(body->encode() == f.body);
    }
}

TEST_CASE("golden GET_CONSUME_STATS and GET_TOPIC_STATS_INFO: MessageQueue object keys") {
    auto stats_frames = test::body_frames("GET_CONSUME_STATS", true);
    REQUIRE(stats_frames.size() == 1);
    auto stats = ConsumeStats::decode(stats_frames[0].body);
    REQUIRE(stats.ok());
    CHECK(stats->encode() == stats_frames[0].body);
    CHECK(stats->consume_tps == 0.15333333333333332);
    REQUIRE(stats->offset_table.size() == 5);
    const OffsetWrapper* q1 = stats->offset_table.find(MessageQueue{"VecTopic", "broker-a", 1});
    REQUIRE(q1 != nullptr);
    CHECK(*q1 == OffsetWrapper{3, 3, 1795356829328});
    // A HashMap<MessageQueue, OffsetWrapper>: bucket order by MessageQueue.hashCode().
    auto rebuilt = stats->offset_table;
    rebuilt.sort([](const auto& a, const auto& b) { return a.first < b.first; });
    sort_in_java_hash_order(rebuilt, java_hash_map_capacity(rebuilt.size()));
    CHECK(rebuilt == stats->offset_table);

    auto table_frames = test::body_frames("GET_TOPIC_STATS_INFO", true);
    REQUIRE(table_frames.size() == 1);
    auto table = TopicStatsTable::decode(table_frames[0].body);
    REQUIRE(table.ok());
    CHECK(table->encode() == table_frames[0].body);
    auto sorted = table->offset_table;
    sorted.sort([](const auto& a, const auto& b) { return a.first < b.first; });
    sort_in_java_hash_order(sorted, java_hash_map_capacity(sorted.size()));
    CHECK(sorted == table->offset_table);
}

TEST_CASE("golden GET_BROKER_RUNTIME_INFO responses: a KVTable in HashMap(64) order") {
    auto frames = test::body_frames("GET_BROKER_RUNTIME_INFO", true);
    REQUIRE(frames.size() == 2);
    for (const auto& f : frames) {
        INFO(f.file);
        auto kv = KVTable::decode(f.body);
        REQUIRE(kv.ok());
        CHECK(kv->encode() == f.body);
        CHECK(*kv->table.find("brokerVersion") == "409");
        // StoreStatsService.getRuntimeInfo's HashMap(64), grown to 128 by its 50 entries.
        // Keys sharing a bucket keep their (unknown) insertion order, so only the bucket
        // sequence is compared.
        const size_t capacity = java_hash_map_capacity(kv->table.size(), 64);
        CHECK(capacity == 128);
        auto bucket = [capacity](const std::string& k) {
            return java_hash_bucket(java_string_hash(k), capacity);
        };
        auto rebuilt = kv->table;
        rebuilt.sort([](const auto& a, const auto& b) { return a.first < b.first; });
        sort_in_java_hash_order(rebuilt, capacity);
        auto it = kv->table.begin();
        for (const auto& [key, value] : rebuilt)
            CHECK(bucket(key) == bucket((it++)->first));
    }
}
