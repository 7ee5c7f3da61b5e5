// The broker's inspection and runtime-configuration commands against an in-process name server
// and broker: what mqadmin's getBrokerConfig/updateBrokerConfig, brokerStatus, topicStatus,
// consumerConnection/producerConnection and consumerStatus-style commands rely on.
#include <fstream>
#include <sstream>

#include "body/connection.hpp"
#include "body/kv_table.hpp"
#include "body/queue_stats.hpp"
#include "body/topic_list.hpp"
#include "body/topic_route_data.hpp"
#include "catch.hpp"
#include "client_requests.hpp"
#include "cluster_fixture.hpp"
#include "message/record_reader.hpp"
#include "proto/response_code.hpp"

using namespace rmq;
using namespace std::chrono_literals;
using proto::RequestCode;
using proto::ResponseCode;
using remoting::RemotingCommand;
using test::Cluster;

namespace {

RemotingCommand update_broker_config(std::string body) {
    auto r = RemotingCommand::request(proto::to_int(RequestCode::UPDATE_BROKER_CONFIG));
    r.body = std::move(body);
    return r;
}

std::string file_text(const std::filesystem::path& path) {
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

RemotingCommand heartbeat(const std::string& client_id) {
    return test::heartbeat_request(
        {.client_id = client_id, .sub_string = "TagA || TagB", .producer_group = "PG"});
}

template <class Header>
RemotingCommand request_with(RequestCode code, const Header& header) {
    auto r = RemotingCommand::request(proto::to_int(code));
    r.set_header(header);
    return r;
}

}  // namespace

TEST_CASE("UPDATE_BROKER_CONFIG applies keys, writes the config file and refuses bad updates") {
    Cluster c;
    auto before = c.call_broker(RequestCode::GET_BROKER_CONFIG);
    REQUIRE(before.code == 0);
    CHECK(before.body.find("flushIntervalCommitLog=500\n") != std::string::npos);
    CHECK(before.ext("version")->find("\"counter\":0") != std::string::npos);

    auto ok = c.call(c.broker->broker_addr(),
                     update_broker_config("flushIntervalCommitLog=800\nnoSuchKey=1\n"));
    REQUIRE(ok.code == 0);
    auto after = c.call_broker(RequestCode::GET_BROKER_CONFIG);
    CHECK(after.body.find("flushIntervalCommitLog=800\n") != std::string::npos);
    CHECK(after.ext("version")->find("\"counter\":1") != std::string::npos);
    // Every key is written back to the -c file, so a restart keeps the change.
    const auto written = file_text(c.broker_config_file);
    CHECK(written.find("flushIntervalCommitLog=800") != std::string::npos);
    CHECK(written.find("brokerName=broker-a") != std::string::npos);

    auto black = c.call(c.broker->broker_addr(), update_broker_config("brokerConfigPath=/tmp/x"));
    CHECK(black.code == proto::to_int(ResponseCode::NO_PERMISSION));
    CHECK(black.remark == "Can not update config in black list.");
    CHECK(c.call(c.broker->broker_addr(), update_broker_config("rocketmqHome=/x")).code
          == proto::to_int(ResponseCode::NO_PERMISSION));

    // A malformed value refuses the whole update, naming the key; nothing is half-applied.
    auto bad =
        c.call(c.broker->broker_addr(),
               update_broker_config("flushIntervalCommitLog=900\nsendMessageThreadPoolNums=x"));
    CHECK(bad.code == proto::to_int(ResponseCode::SYSTEM_ERROR));
    CHECK(bad.remark->find("sendMessageThreadPoolNums") != std::string::npos);
    CHECK(c.call_broker(RequestCode::GET_BROKER_CONFIG).body.find("flushIntervalCommitLog=800\n")
          != std::string::npos);
}

TEST_CASE("a runtime brokerPermission change reaches the routes") {
    Cluster c;
    auto r = c.call(c.broker->broker_addr(), update_broker_config("brokerPermission=4"));
    REQUIRE(r.code == 0);
    int perm = -1;
    for (int i = 0; i < 200 && perm != 4; ++i) {
        auto route = c.route("TBW102");
        if (route.code == 0)
            perm = body::TopicRouteData::decode(route.body)->queue_datas.at(0).perm;
        if (perm != 4) std::this_thread::sleep_for(10ms);
    }
    CHECK(perm == 4);  // read-only: clients stop sending here
}

TEST_CASE("GET_BROKER_RUNTIME_INFO reports the keys mqadmin reads") {
    Cluster c;
    auto r = c.call_broker(RequestCode::GET_BROKER_RUNTIME_INFO);
    REQUIRE(r.code == 0);
    auto kv = body::KVTable::decode(r.body);
    REQUIRE(kv);
    const auto& t = kv->table;
    for (const char* key :
         {"brokerVersionDesc", "msgPutTotalTodayNow", "msgGetTotalTodayNow", "putTps",
          "getTransferedTps", "commitLogDiskRatio", "earliestMessageTimeStamp", "runtime",
          "commitLogMaxOffset", "putMessageDistributeTime", "commitLogDirCapacity",
          "sendThreadPoolQueueCapacity", "bootTimestamp"})
        CHECK(t.find(key) != nullptr);
    CHECK(*t.find("brokerVersionDesc") == "V4_9_8");
    CHECK(*t.find("msgPutTotalTodayNow") == "0");
    CHECK(t.find("runtime")->starts_with("[ 0 days, 0 hours, 0 minutes, "));
    CHECK(t.find("commitLogDirCapacity")->starts_with("Total : "));
}

TEST_CASE("GET_TOPIC_STATS_INFO lists every write queue and an unknown topic is TOPIC_NOT_EXIST") {
    Cluster c;
    proto::GetTopicStatsInfoRequestHeader h;
    h.topic = "TBW102";
    auto r = c.call(c.broker->broker_addr(), request_with(RequestCode::GET_TOPIC_STATS_INFO, h));
    REQUIRE(r.code == 0);
    auto stats = body::TopicStatsTable::decode(r.body);
    REQUIRE(stats);
    CHECK(stats->offset_table.size() == 8);
    for (const auto& [queue, offset] : stats->offset_table) {
        CHECK(queue.broker_name == "broker-a");
        CHECK(offset.max_offset == 0);
    }
    h.topic = "Nope";
    auto missing =
        c.call(c.broker->broker_addr(), request_with(RequestCode::GET_TOPIC_STATS_INFO, h));
    CHECK(missing.code == proto::to_int(ResponseCode::TOPIC_NOT_EXIST));
    CHECK(missing.remark == "topic[Nope] not exist");
}

TEST_CASE("connection lists, consume-by-who and system topics describe live clients") {
    Cluster c;
    remoting::RemotingClient client;
    REQUIRE(client.invoke_sync(c.broker->broker_addr(), heartbeat("127.0.0.1@77"), 5s)->code == 0);

    proto::GetConsumerConnectionListRequestHeader cg;
    cg.consumerGroup = "CG";
    auto consumers = c.call(c.broker->broker_addr(),
                            request_with(RequestCode::GET_CONSUMER_CONNECTION_LIST, cg));
    REQUIRE(consumers.code == 0);
    auto cc = body::ConsumerConnection::decode(consumers.body);
    REQUIRE(cc);
    REQUIRE(cc->connection_set.size() == 1);
    CHECK(cc->connection_set[0].client_id == "127.0.0.1@77");
    CHECK(cc->connection_set[0].client_addr.starts_with("127.0.0.1:"));
    CHECK(cc->connection_set[0].version == 409);
    CHECK(cc->subscription_table.find("TopicTest")->sub_string == "TagA || TagB");
    CHECK(cc->message_model == body::MessageModel::clustering);

    cg.consumerGroup = "Nobody";
    auto offline = c.call(c.broker->broker_addr(),
                          request_with(RequestCode::GET_CONSUMER_CONNECTION_LIST, cg));
    CHECK(offline.code == proto::to_int(ResponseCode::CONSUMER_NOT_ONLINE));
    CHECK(offline.remark == "the consumer group[Nobody] not online");

    proto::GetProducerConnectionListRequestHeader pg;
    pg.producerGroup = "PG";
    auto producers = c.call(c.broker->broker_addr(),
                            request_with(RequestCode::GET_PRODUCER_CONNECTION_LIST, pg));
    REQUIRE(producers.code == 0);
    CHECK(body::ProducerConnection::decode(producers.body)->connection_set.at(0).client_id
          == "127.0.0.1@77");
    pg.producerGroup = "NoPG";
    CHECK(
        c.call(c.broker->broker_addr(), request_with(RequestCode::GET_PRODUCER_CONNECTION_LIST, pg))
            .remark
        == "the producer group[NoPG] not exist");

    proto::QueryTopicConsumeByWhoRequestHeader who;
    who.topic = "TopicTest";
    auto groups =
        c.call(c.broker->broker_addr(), request_with(RequestCode::QUERY_TOPIC_CONSUME_BY_WHO, who));
    REQUIRE(groups.code == 0);
    CHECK(body::GroupList::decode(groups.body)->group_list == std::vector<std::string>{"CG"});

    auto system = c.call_broker(RequestCode::GET_SYSTEM_TOPIC_LIST_FROM_BROKER);
    REQUIRE(system.code == 0);
    const auto topics = body::TopicList::decode(system.body)->topic_list;
    CHECK(std::find(topics.begin(), topics.end(), "SCHEDULE_TOPIC_XXXX") != topics.end());
    CHECK(std::find(topics.begin(), topics.end(), "broker-a") != topics.end());
}

TEST_CASE("GET_CONSUMER_RUNNING_INFO is relayed to the consumer and its answer returned") {
    Cluster c;
    remoting::RemotingClient consumer;
    consumer.register_processor(
        proto::to_int(RequestCode::GET_CONSUMER_RUNNING_INFO),
        [](remoting::RequestContext&,
           RemotingCommand& request) -> boost::asio::awaitable<std::optional<RemotingCommand>> {
            auto response = RemotingCommand::response_to(request, 0);
            response.body = "{\"jstack\":\""
                            + (request.ext("jstackEnable") ? *request.ext("jstackEnable") : "?")
                            + "\"}";
            co_return response;
        });
    REQUIRE(consumer.invoke_sync(c.broker->broker_addr(), heartbeat("127.0.0.1@88"), 5s)->code
            == 0);

    proto::GetConsumerRunningInfoRequestHeader h;
    h.consumerGroup = "CG";
    h.clientId = "127.0.0.1@88";
    h.jstackEnable = true;
    auto r =
        c.call(c.broker->broker_addr(), request_with(RequestCode::GET_CONSUMER_RUNNING_INFO, h));
    REQUIRE(r.code == 0);
    CHECK(r.body == "{\"jstack\":\"true\"}");

    h.clientId = "127.0.0.1@99";
    auto offline =
        c.call(c.broker->broker_addr(), request_with(RequestCode::GET_CONSUMER_RUNNING_INFO, h));
    CHECK(offline.code == proto::to_int(ResponseCode::SYSTEM_ERROR));
    CHECK(offline.remark == "The Consumer <CG> <127.0.0.1@99> not online");
}

TEST_CASE("the name server's configuration is read and updated at runtime") {
    Cluster c;
    auto get = c.call(c.namesrv_addr,
                      RemotingCommand::request(proto::to_int(RequestCode::GET_NAMESRV_CONFIG)));
    REQUIRE(get.code == 0);
    CHECK(get.body.find("orderMessageEnable=false\n") != std::string::npos);

    auto update = RemotingCommand::request(proto::to_int(RequestCode::UPDATE_NAMESRV_CONFIG));
    update.body = "orderMessageEnable=true\n";
    REQUIRE(c.call(c.namesrv_addr, update).code == 0);
    CHECK(c.call(c.namesrv_addr,
                 RemotingCommand::request(proto::to_int(RequestCode::GET_NAMESRV_CONFIG)))
              .body.find("orderMessageEnable=true\n")
          != std::string::npos);
    CHECK(file_text(c.dir.path() / "namesrv.properties").find("orderMessageEnable=true")
          != std::string::npos);

    update.body = "kvConfigPath=/tmp/elsewhere.json";
    auto black = c.call(c.namesrv_addr, update);
    CHECK(black.code == proto::to_int(ResponseCode::NO_PERMISSION));
}

TEST_CASE("CONSUME_MESSAGE_DIRECTLY reaches the consumer with the stored message as its body") {
    Cluster c;
    auto sent = c.call(c.broker->broker_addr(), test::send_request(test::Send{}));
    REQUIRE(sent.code == 0);
    const std::string msg_id = *sent.ext("msgId");

    remoting::RemotingClient consumer;
    consumer.register_processor(
        proto::to_int(RequestCode::CONSUME_MESSAGE_DIRECTLY),
        [](remoting::RequestContext&,
           RemotingCommand& request) -> boost::asio::awaitable<std::optional<RemotingCommand>> {
            const auto records = message::decode_messages(std::span<const char>(request.body));
            auto response = RemotingCommand::response_to(request, 0);
            const std::string* broker = request.ext("brokerName");
            response.body = R"({"broker":")" + (broker ? *broker : std::string("?"))
                            + R"(","body":")" + (records.size() == 1 ? records[0].body : "?")
                            + R"("})";
            co_return response;
        });
    REQUIRE(consumer.invoke_sync(c.broker->broker_addr(), heartbeat("127.0.0.1@88"), 5s)->code
            == 0);

    proto::ConsumeMessageDirectlyResultRequestHeader h;
    h.consumerGroup = "CG";
    h.clientId = "127.0.0.1@88";
    h.msgId = msg_id;
    auto r =
        c.call(c.broker->broker_addr(), request_with(RequestCode::CONSUME_MESSAGE_DIRECTLY, h));
    REQUIRE(r.code == 0);
    CHECK(r.body == R"({"broker":"broker-a","body":"hello"})");
}

TEST_CASE("relays to a consumer older than V3_1_8_SNAPSHOT are refused naming its version") {
    Cluster c;
    remoting::RemotingClient consumer;
    auto hb = heartbeat("127.0.0.1@61");
    hb.version = 61;  // V3_1_7
    REQUIRE(consumer.invoke_sync(c.broker->broker_addr(), std::move(hb), 5s)->code == 0);
    proto::GetConsumerRunningInfoRequestHeader h;
    h.consumerGroup = "CG";
    h.clientId = "127.0.0.1@61";
    h.jstackEnable = false;
    auto r =
        c.call(c.broker->broker_addr(), request_with(RequestCode::GET_CONSUMER_RUNNING_INFO, h));
    CHECK(r.code == proto::to_int(ResponseCode::SYSTEM_ERROR));
    CHECK(r.remark
          == "The Consumer <127.0.0.1@61> Version <V3_1_7> too low to finish, please upgrade it to "
             "V3_1_8_SNAPSHOT");
}
