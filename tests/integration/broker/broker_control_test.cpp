// A name server and a broker in-process on ephemeral loopback ports: registration, routes, topic
// and subscription-group administration, unregistration.
#include "body/consumer_list.hpp"
#include "body/message_queue.hpp"
#include "body/topic_route_data.hpp"
#include "catch.hpp"
#include "client_requests.hpp"
#include "cluster_fixture.hpp"
#include "proto/headers.hpp"
#include "proto/request_code.hpp"
#include "proto/response_code.hpp"

using namespace rmq;
using namespace std::chrono_literals;
using remoting::RemotingCommand;
using test::Cluster;

namespace {

constexpr int32_t kOk = 0;

}  // namespace

TEST_CASE("a broker registers its topics and admin changes reach the routes") {
    Cluster c;
    auto tbw = c.route("TBW102");
    REQUIRE(tbw.code == kOk);
    auto data = body::TopicRouteData::decode(tbw.body);
    REQUIRE(data);
    CHECK(data->broker_datas.at(0).broker_addrs.at(0) == c.broker->broker_addr());
    CHECK(data->queue_datas.at(0).perm == 7);

    auto created = c.call(c.broker->broker_addr(), test::create_topic_request("Orders", 4, 6));
    REQUIRE(created.code == kOk);
    CHECK(created.remark == "not set any response code");
    // The oneway re-registration lands shortly after.
    RemotingCommand route;
    for (int i = 0; i < 100; ++i) {
        route = c.route("Orders");
        if (route.code == kOk) break;
        std::this_thread::sleep_for(20ms);
    }
    REQUIRE(route.code == kOk);
    CHECK(body::TopicRouteData::decode(route.body)->queue_datas.at(0).write_queue_nums == 4);

    auto refused =
        c.call(c.broker->broker_addr(), test::create_topic_request("SCHEDULE_TOPIC_XXXX", 4, 6));
    CHECK(refused.code == proto::to_int(proto::ResponseCode::SYSTEM_ERROR));
    CHECK(refused.remark == "The topic[SCHEDULE_TOPIC_XXXX] is conflict with system topic.");
    CHECK(c.call(c.broker->broker_addr(), test::create_topic_request("bad topic", 4, 6))
              .remark->find("illegal characters")
          != std::string::npos);

    auto all =
        c.call(c.broker->broker_addr(),
               RemotingCommand::request(proto::to_int(proto::RequestCode::GET_ALL_TOPIC_CONFIG)));
    REQUIRE(all.code == kOk);
    CHECK(all.body.find("\"Orders\"") != std::string::npos);

    auto config =
        c.call(c.broker->broker_addr(),
               RemotingCommand::request(proto::to_int(proto::RequestCode::GET_BROKER_CONFIG)));
    REQUIRE(config.code == kOk);
    CHECK(config.body.find("brokerName=broker-a") != std::string::npos);

    auto unknown = c.call(c.broker->broker_addr(), RemotingCommand::request(9999));
    CHECK(unknown.code == proto::to_int(proto::ResponseCode::REQUEST_CODE_NOT_SUPPORTED));
}

TEST_CASE("a broker shutting down unregisters and its routes go") {
    Cluster c;
    REQUIRE(c.route("TBW102").code == kOk);
    c.broker->shutdown();
    CHECK(c.route("TBW102").code == proto::to_int(proto::ResponseCode::TOPIC_NOT_EXIST));
}

namespace {

RemotingCommand heartbeat(const std::string& client_id, const std::string& group) {
    return test::heartbeat_request(
        {.client_id = client_id, .consumer_group = group, .producer_group = "PG"});
}

RemotingCommand consumer_list(const std::string& group) {
    proto::GetConsumerListByGroupRequestHeader h;
    h.consumerGroup = group;
    auto r =
        RemotingCommand::request(proto::to_int(proto::RequestCode::GET_CONSUMER_LIST_BY_GROUP));
    r.set_header(h);
    return r;
}

}  // namespace

TEST_CASE("heartbeats register consumers and membership changes are pushed to the group") {
    Cluster c;
    std::atomic<int> notified{0};
    remoting::RemotingClient first;
    first.register_processor(
        proto::to_int(proto::RequestCode::NOTIFY_CONSUMER_IDS_CHANGED),
        [&](remoting::RequestContext&,
            RemotingCommand& request) -> boost::asio::awaitable<std::optional<RemotingCommand>> {
            if (request.ext("consumerGroup") && *request.ext("consumerGroup") == "CG") ++notified;
            co_return std::nullopt;
        });
    auto hb = first.invoke_sync(c.broker->broker_addr(), heartbeat("10.0.0.1@1", "CG"), 5s);
    REQUIRE(hb);
    CHECK(hb->code == kOk);
    CHECK(hb->version == 409);

    auto list = c.call(c.broker->broker_addr(), consumer_list("CG"));
    REQUIRE(list.code == kOk);
    CHECK(body::GetConsumerListByGroupResponseBody::decode(list.body)->consumer_id_list
          == std::vector<std::string>{"10.0.0.1@1"});
    // The group's retry topic now exists, and the broker re-registered at once (as Java does on
    // creating it), not at the next periodic registration 30 s later: consumers (ali-ons among
    // them) fetch the %RETRY% route right after their first heartbeat.
    CHECK(c.broker->topics().find("%RETRY%CG"));
    RemotingCommand retry_route;
    for (int i = 0; i < 100; ++i) {
        retry_route = c.route("%RETRY%CG");
        if (retry_route.code == kOk) break;
        std::this_thread::sleep_for(20ms);
    }
    CHECK(retry_route.code == kOk);

    notified = 0;
    {
        remoting::RemotingClient second;
        REQUIRE(second.invoke_sync(c.broker->broker_addr(), heartbeat("10.0.0.2@2", "CG"), 5s));
        for (int i = 0; i < 200 && notified == 0; ++i)
            std::this_thread::sleep_for(10ms);
        CHECK(notified >= 1);  // a member joined
        CHECK(c.call(c.broker->broker_addr(), consumer_list("CG")).body.find("10.0.0.2@2")
              != std::string::npos);
        notified = 0;
        second.close();
    }
    for (int i = 0; i < 200 && notified == 0; ++i)
        std::this_thread::sleep_for(10ms);
    CHECK(notified >= 1);  // a member left: its connection closed
    auto after = c.call(c.broker->broker_addr(), consumer_list("CG"));
    CHECK(after.body.find("10.0.0.2@2") == std::string::npos);

    auto unknown = c.call(c.broker->broker_addr(), consumer_list("Nobody"));
    CHECK(unknown.code == proto::to_int(proto::ResponseCode::SYSTEM_ERROR));
    CHECK(unknown.remark == "no consumer for this group, Nobody");
}

TEST_CASE("without namesrvAddr a broker finds its name servers through the address service") {
    test::TempDir dir;
    nameserver::NameServerOptions o;
    o.bind_address = "127.0.0.1";
    o.port = 0;
    o.kv_config_path = dir.path() / "kv.json";
    o.http_port = 0;
    o.http_paths = "/rocketmq/nsaddr";
    nameserver::NameServer namesrv(o);
    REQUIRE(namesrv.start().ok());
    const std::string namesrv_addr = "127.0.0.1:" + std::to_string(namesrv.port());

    config::Environment env = config::Environment::from_process();
    env.namesrv_addr_env.clear();
    auto startup = config::parse_broker_command_line(
        {"brokerName=broker-h", "brokerIP1=127.0.0.1", "listenPort=0",
         "fetchNamesrvAddrByAddressServer=true",
         "rocketmq.namesrv.domain=127.0.0.1:" + std::to_string(namesrv.http_port()),
         "storePathRootDir=" + (dir.path() / "store").string(), "mappedFileSizeCommitLog=1048576"},
        env);
    REQUIRE(startup);
    REQUIRE(startup->broker.namesrv_addr.empty());
    broker::Broker broker(std::move(*startup));
    REQUIRE(broker.start().ok());
    CHECK(broker.register_now() == 1);
    remoting::RemotingClient client;
    auto route = client.invoke_sync(
        namesrv_addr,
        [] {
            proto::GetRouteInfoRequestHeader h;
            h.topic = "TBW102";
            auto r =
                RemotingCommand::request(proto::to_int(proto::RequestCode::GET_ROUTEINFO_BY_TOPIC));
            r.set_header(h);
            return r;
        }(),
        5s);
    REQUIRE(route);
    CHECK(route->code == kOk);
    CHECK(route->body.find("broker-h") != std::string::npos);
}

TEST_CASE("LOCK_BATCH_MQ grants each queue to one client, UNLOCK_BATCH_MQ releases it") {
    Cluster c;
    const auto lock = [&](proto::RequestCode code, const std::string& client) {
        body::LockBatchRequestBody body;
        body.consumer_group = "CG";
        body.client_id = client;
        for (int32_t q = 0; q < 2; ++q)
            body.mq_set.push_back({"Orders", "broker-a", q});
        auto request = RemotingCommand::request(proto::to_int(code));
        request.body = body.encode();
        return c.call(c.broker->broker_addr(), std::move(request));
    };
    auto first = lock(proto::RequestCode::LOCK_BATCH_MQ, "10.0.0.1@1");
    REQUIRE(first.code == kOk);
    CHECK(body::LockBatchResponseBody::decode(first.body)->lock_ok_mq_set.size() == 2);
    auto second = lock(proto::RequestCode::LOCK_BATCH_MQ, "10.0.0.2@2");
    REQUIRE(second.code == kOk);
    CHECK(body::LockBatchResponseBody::decode(second.body)->lock_ok_mq_set.empty());

    auto unlocked = lock(proto::RequestCode::UNLOCK_BATCH_MQ, "10.0.0.1@1");
    CHECK(unlocked.code == kOk);
    CHECK(unlocked.body.empty());
    second = lock(proto::RequestCode::LOCK_BATCH_MQ, "10.0.0.2@2");
    CHECK(body::LockBatchResponseBody::decode(second.body)->lock_ok_mq_set.size() == 2);

    auto garbage = RemotingCommand::request(proto::to_int(proto::RequestCode::LOCK_BATCH_MQ));
    garbage.body = "not json";
    CHECK(c.call(c.broker->broker_addr(), std::move(garbage)).code
          == proto::to_int(proto::ResponseCode::SYSTEM_ERROR));
}

TEST_CASE(
    "CHECK_CLIENT_CONFIG accepts tag subscriptions, and SQL92 only with enablePropertyFilter") {
    Cluster c;
    const auto check = [&](const std::string& type) {
        auto request =
            RemotingCommand::request(proto::to_int(proto::RequestCode::CHECK_CLIENT_CONFIG));
        request.body = R"({"clientId":"10.0.0.1@1","group":"CG","subscriptionData":{)"
                       R"("classFilterMode":false,"codeSet":[],"expressionType":")"
                       + type
                       + R"(","subString":"a > 1","subVersion":1,"tagsSet":[],)"
                         R"("topic":"Orders"}})";
        return c.call(c.broker->broker_addr(), std::move(request));
    };
    CHECK(check("TAG").code == kOk);
    auto sql = check("SQL92");
    CHECK(sql.code == proto::to_int(proto::ResponseCode::SYSTEM_ERROR));
    CHECK(sql.remark.value_or("")
          == "The broker does not support consumer to filter message by SQL92");
}
