// The name server's handlers called directly on a NameServerContext: no server, no sockets.
#include "handlers.hpp"

#include <optional>
#include <string>
#include <vector>

#include "body/register_broker_body.hpp"
#include "body/topic_route_data.hpp"
#include "catch.hpp"
#include "nameserver_processor.hpp"
#include "proto/headers.hpp"
#include "proto/request_code.hpp"
#include "proto/response_code.hpp"
#include "temp_dir.hpp"

using namespace rmq;
using namespace rmq::nameserver;
using proto::RequestCode;
using proto::ResponseCode;

namespace {

struct Fixture {
    test::TempDir dir;
    RouteInfoManager routes;
    KvConfigManager kv{dir / "kvConfig.json"};
    std::vector<std::string> written;  // every config file text UPDATE_NAMESRV_CONFIG writes
    NameServerContext::Configuration configuration{
        config::NamesrvStartup{}, dir / "namesrv.properties",
        [this](const std::filesystem::path&, std::string_view text) {
            written.emplace_back(text);
            return rmq::common::Result<void>();
        }};
    NameServerContext context{routes, kv, configuration, {}};
    remoting::RequestContext no_peer;  // a null connection: handlers that need none must cope
};

RemotingCommand request(RequestCode code) {
    return RemotingCommand::request(proto::to_int(code));
}

template <class Header>
RemotingCommand request(RequestCode code, const Header& header) {
    auto r = request(code);
    r.set_header(header);
    return r;
}

RemotingCommand registration(const std::string& topic) {
    proto::RegisterBrokerRequestHeader h;
    h.brokerName = "broker-a";
    h.brokerAddr = "127.0.0.1:10911";
    h.clusterName = "DefaultCluster";
    h.haServerAddr = "127.0.0.1:10912";
    h.brokerId = 0;
    body::RegisterBrokerBody b;
    b.topic_config_serialize_wrapper.data_version = {1700000000000, 1};
    body::TopicConfig c;
    c.topic_name = topic;
    c.read_queue_nums = c.write_queue_nums = 8;
    b.topic_config_serialize_wrapper.topic_config_table.insert_or_assign(topic, c);
    auto r = request(RequestCode::REGISTER_BROKER, h);
    r.body = b.encode();
    return r;
}

RemotingCommand route_request(const std::string& topic) {
    proto::GetRouteInfoRequestHeader h;
    h.topic = topic;
    auto r = request(RequestCode::GET_ROUTEINFO_BY_TOPIC, h);
    r.version = 409;  // a 4.9.8 client
    return r;
}

proto::PutKVConfigRequestHeader put_header(std::string ns, std::string key, std::string value) {
    proto::PutKVConfigRequestHeader h;
    h.ns = std::move(ns);
    h.key = std::move(key);
    h.value = std::move(value);
    return h;
}

proto::GetKVConfigRequestHeader get_header(std::string ns, std::string key) {
    proto::GetKVConfigRequestHeader h;
    h.ns = std::move(ns);
    h.key = std::move(key);
    return h;
}

const int32_t ok = proto::to_int(ResponseCode::SUCCESS);

}  // namespace

TEST_CASE("a registered broker is served in its topic's route") {
    Fixture f;
    auto reg = handle_register_broker(f.context, f.no_peer, registration("TopicA"));
    REQUIRE(reg.code == ok);
    CHECK(reg.decode_header<proto::RegisterBrokerResponseHeader>()->masterAddr.value_or("") == "");

    auto route = handle_get_route_info(f.context, route_request("TopicA"));
    REQUIRE(route.code == ok);
    auto data = body::TopicRouteData::decode(route.body);
    REQUIRE(data);
    REQUIRE(data->broker_datas.size() == 1);
    CHECK(data->broker_datas[0].broker_name == "broker-a");
    CHECK(data->broker_datas[0].broker_addrs.at(0) == "127.0.0.1:10911");
    REQUIRE(data->queue_datas.size() == 1);
    CHECK(data->queue_datas[0].write_queue_nums == 8);
}

TEST_CASE("a route for an unknown topic is TOPIC_NOT_EXIST with Java's remark") {
    Fixture f;
    auto route = handle_get_route_info(f.context, route_request("Nope"));
    CHECK(route.code == proto::to_int(ResponseCode::TOPIC_NOT_EXIST));
    CHECK(route.remark.value_or("")
          == "No topic route info in name server for the topic: Nope"
             "\nSee http://rocketmq.apache.org/docs/faq/ for further details.");
}

TEST_CASE("an unregistered broker leaves the routes") {
    Fixture f;
    REQUIRE(handle_register_broker(f.context, f.no_peer, registration("TopicA")).code == ok);
    proto::UnRegisterBrokerRequestHeader h;
    h.brokerName = "broker-a";
    h.brokerAddr = "127.0.0.1:10911";
    h.clusterName = "DefaultCluster";
    h.brokerId = 0;
    CHECK(handle_unregister_broker(f.context, request(RequestCode::UNREGISTER_BROKER, h)).code
          == ok);
    CHECK(f.routes.live_broker_count() == 0);
    CHECK(handle_get_route_info(f.context, route_request("TopicA")).code
          == proto::to_int(ResponseCode::TOPIC_NOT_EXIST));
}

TEST_CASE("KV config: put, get, delete") {
    Fixture f;
    auto put = request(RequestCode::PUT_KV_CONFIG, put_header("ns", "k", "v"));
    REQUIRE(handle_put_kv_config(f.context, put).code == ok);
    auto get = request(RequestCode::GET_KV_CONFIG, get_header("ns", "k"));
    auto got = handle_get_kv_config(f.context, get);
    REQUIRE(got.code == ok);
    CHECK(got.decode_header<proto::GetKVConfigResponseHeader>()->value == "v");
    CHECK(f.kv.get("ns", "k") == "v");

    proto::DeleteKVConfigRequestHeader del;
    del.ns = "ns";
    del.key = "k";
    CHECK(handle_delete_kv_config(f.context, request(RequestCode::DELETE_KV_CONFIG, del)).code
          == ok);
    auto gone = handle_get_kv_config(f.context, get);
    CHECK(gone.code == proto::to_int(ResponseCode::QUERY_NOT_FOUND));
    CHECK(gone.remark.value_or("") == "No config item, Namespace: ns Key: k");

    auto no_key = request(RequestCode::PUT_KV_CONFIG, put_header("ns", "", "v"));
    auto refused = handle_put_kv_config(f.context, no_key);
    CHECK(refused.code == proto::to_int(ResponseCode::SYSTEM_ERROR));
    CHECK(refused.remark.value_or("") == "namespace or key is null");
}

TEST_CASE("routes carry the order-topic config only when orderMessageEnable is set") {
    Fixture f;
    REQUIRE(f.kv.put(kOrderTopicConfigNamespace, "TopicA", "broker-a:8"));
    REQUIRE(handle_register_broker(f.context, f.no_peer, registration("TopicA")).code == ok);
    auto plain = body::TopicRouteData::decode(
        handle_get_route_info(f.context, route_request("TopicA")).body);
    REQUIRE(plain);
    CHECK_FALSE(plain->order_topic_conf);
    f.context.settings.order_message_enable = true;
    auto ordered = body::TopicRouteData::decode(
        handle_get_route_info(f.context, route_request("TopicA")).body);
    REQUIRE(ordered);
    CHECK(ordered->order_topic_conf == "broker-a:8");
}

TEST_CASE("UPDATE_NAMESRV_CONFIG changes and writes the configuration, black-listed keys refused") {
    Fixture f;
    auto update = request(RequestCode::UPDATE_NAMESRV_CONFIG);
    update.body = "orderMessageEnable=true\n";
    REQUIRE(handle_update_namesrv_config(f.context, update).code == ok);
    REQUIRE(f.written.size() == 1);
    CHECK_THAT(f.written[0], test::contains("orderMessageEnable=true"));
    CHECK_THAT(handle_get_namesrv_config(f.context, request(RequestCode::GET_NAMESRV_CONFIG)).body,
               test::contains("orderMessageEnable=true"));

    update.body = "kvConfigPath=/tmp/elsewhere.json\n";
    CHECK(handle_update_namesrv_config(f.context, update).code
          == proto::to_int(ResponseCode::NO_PERMISSION));
    CHECK(f.written.size() == 1);
}

TEST_CASE("the handler table answers listed codes and leaves others unanswered") {
    Fixture f;
    NameServerProcessor processor(f.routes, f.kv, {});
    auto reg = processor.handle(registration("TopicA"));
    REQUIRE(reg);
    CHECK(reg->code == ok);
    auto route = processor.handle(route_request("TopicA"));
    REQUIRE(route);
    CHECK(route->code == ok);
    CHECK_FALSE(processor.handle(RemotingCommand::request(99999)));
}

TEST_CASE("a request context without a connection has no remote address") {
    remoting::RequestContext no_peer;
    CHECK(no_peer.remote_address().empty());
}
