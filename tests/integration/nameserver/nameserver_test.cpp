// The name server in-process on an ephemeral port, driven over real loopback remoting with the
// requests brokers, clients and mqadmin send.
#include "nameserver.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>

#include "body/cluster_info.hpp"
#include "body/kv_table.hpp"
#include "body/register_broker_body.hpp"
#include "body/topic_list.hpp"
#include "body/topic_route_data.hpp"
#include "catch.hpp"
#include "golden.hpp"
#include "proto/headers.hpp"
#include "proto/request_code.hpp"
#include "proto/response_code.hpp"
#include "remoting/client.hpp"
#include "remoting/frame.hpp"
#include "temp_dir.hpp"

using namespace rmq;
using namespace std::chrono_literals;
using remoting::RemotingCommand;

namespace {

struct Fixture {
    test::TempDir dir;
    nameserver::NameServer server;
    remoting::RemotingClient client;
    std::string addr;

    explicit Fixture(nameserver::NameServerOptions options = {})
        : server([&] {
              options.bind_address = "127.0.0.1";
              options.port = 0;
              options.kv_config_path = dir.path() / "kvConfig.json";
              return options;
          }()) {
        REQUIRE(server.start().ok());
        addr = "127.0.0.1:" + std::to_string(server.port());
    }

    RemotingCommand call(RemotingCommand request) {
        auto r = client.invoke_sync(addr, std::move(request), 3s);
        REQUIRE(r);
        return std::move(*r);
    }
};

RemotingCommand request(proto::RequestCode code) {
    return RemotingCommand::request(proto::to_int(code));
}

RemotingCommand registration(const std::string& name, const std::string& broker_addr, int64_t id,
                             std::vector<std::string> topics, int64_t counter = 1) {
    proto::RegisterBrokerRequestHeader h;
    h.brokerName = name;
    h.brokerAddr = broker_addr;
    h.clusterName = "DefaultCluster";
    h.haServerAddr = broker_addr + "1";
    h.brokerId = id;
    body::RegisterBrokerBody b;
    b.topic_config_serialize_wrapper.data_version = {1700000000000, counter};
    for (const auto& t : topics) {
        body::TopicConfig c;
        c.topic_name = t;
        c.read_queue_nums = c.write_queue_nums = 4;
        b.topic_config_serialize_wrapper.topic_config_table.insert_or_assign(t, c);
    }
    auto r = request(proto::RequestCode::REGISTER_BROKER);
    r.set_header(h);
    r.body = b.encode();
    return r;
}

RemotingCommand route_request(const std::string& topic, int32_t version = 409) {
    proto::GetRouteInfoRequestHeader h;
    h.topic = topic;
    auto r = request(proto::RequestCode::GET_ROUTEINFO_BY_TOPIC);
    r.version = version;
    r.set_header(h);
    return r;
}

int32_t ok = proto::to_int(proto::ResponseCode::SUCCESS);

}  // namespace

TEST_CASE("a registered broker's topics are served as routes") {
    Fixture f;
    auto reg = f.call(registration("broker-a", "127.0.0.1:10911", 0, {"TopicA", "TopicB"}));
    REQUIRE(reg.code == ok);
    auto route = f.call(route_request("TopicA"));
    REQUIRE(route.code == ok);
    auto data = body::TopicRouteData::decode(route.body);
    REQUIRE(data);
    REQUIRE(data->queue_datas.size() == 1);
    CHECK(data->queue_datas[0].write_queue_nums == 4);
    REQUIRE(data->broker_datas.size() == 1);
    CHECK(data->broker_datas[0].broker_addrs.at(0) == "127.0.0.1:10911");
    // Java 4.9.8 clients (version 409) get standard JSON, old ones fastjson's bare keys.
    CHECK(route.body.find(R"({"0":"127.0.0.1:10911"})") != std::string::npos);
    auto old = f.call(route_request("TopicA", 317));
    CHECK(old.body.find(R"({0:"127.0.0.1:10911"})") != std::string::npos);

    auto missing = f.call(route_request("Nope"));
    CHECK(missing.code == proto::to_int(proto::ResponseCode::TOPIC_NOT_EXIST));
    CHECK_THAT(missing.remark.value_or(""),
               test::contains("No topic route info in name server for the topic: Nope"));

    auto cluster = f.call(request(proto::RequestCode::GET_BROKER_CLUSTER_INFO));
    auto info = body::ClusterInfo::decode(cluster.body);
    REQUIRE(info);
    CHECK(info->broker_addr_table.find("broker-a"));
    auto topics = f.call(request(proto::RequestCode::GET_ALL_TOPIC_LIST_FROM_NAMESERVER));
    auto list = body::TopicList::decode(topics.body);
    REQUIRE(list);
    CHECK(list->topic_list.size() == 2);
}

TEST_CASE("a broker's connection closing removes it at once") {
    Fixture f;
    {
        remoting::RemotingClient broker;
        auto r =
            broker.invoke_sync(f.addr, registration("broker-a", "127.0.0.1:10911", 0, {"T"}), 3s);
        REQUIRE(r);
        REQUIRE(f.call(route_request("T")).code == ok);
        broker.close();
    }
    for (int i = 0; i < 200 && f.server.routes().live_broker_count() > 0; ++i)
        std::this_thread::sleep_for(10ms);
    CHECK(f.call(route_request("T")).code == proto::to_int(proto::ResponseCode::TOPIC_NOT_EXIST));
}

TEST_CASE("brokers that stop registering expire") {
    nameserver::NameServerOptions options;
    options.broker_expiry = 300ms;
    options.scan_interval = 100ms;
    Fixture f(options);
    REQUIRE(f.call(registration("broker-a", "127.0.0.1:10911", 0, {"T"})).code == ok);
    // The client stays connected, so only the expiry scan can remove the broker; the deadline
    // only bounds a hang.
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    while (f.server.routes().live_broker_count() > 0 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(20ms);
    CHECK(f.call(route_request("T")).code == proto::to_int(proto::ResponseCode::TOPIC_NOT_EXIST));
}

TEST_CASE("a slave registration is answered with its master's addresses") {
    Fixture f;
    REQUIRE(f.call(registration("broker-a", "127.0.0.1:10911", 0, {"T"})).code == ok);
    auto slave = f.call(registration("broker-a", "127.0.0.1:10921", 1, {"T"}));
    REQUIRE(slave.code == ok);
    auto h = slave.decode_header<proto::RegisterBrokerResponseHeader>();
    REQUIRE(h);
    CHECK(h->masterAddr == "127.0.0.1:10911");
    CHECK(h->haServerAddr == "127.0.0.1:109111");
}

TEST_CASE("the 4.9.8 broker's captured registration is understood") {
    Fixture f;
    const auto bytes =
        test::read_file(test::golden_dir() / "frames/0001-b2n-req-code103-REGISTER_BROKER.bin");
    auto frame = remoting::decode_frame_bytes(bytes);
    REQUIRE(frame);
    auto response = f.call(std::move(*frame));
    CHECK(response.code == ok);
    auto route = f.call(route_request("TBW102"));
    CHECK(route.code == ok);
}

TEST_CASE("KV config, write permissions and topic deletion") {
    Fixture f;
    proto::PutKVConfigRequestHeader put;
    put.ns = "ORDER_TOPIC_CONFIG";
    put.key = "T";
    put.value = "broker-a:4";
    auto p = request(proto::RequestCode::PUT_KV_CONFIG);
    p.set_header(put);
    REQUIRE(f.call(p).code == ok);
    proto::GetKVConfigRequestHeader get;
    get.ns = "ORDER_TOPIC_CONFIG";
    get.key = "T";
    auto g = request(proto::RequestCode::GET_KV_CONFIG);
    g.set_header(get);
    auto got = f.call(g);
    REQUIRE(got.code == ok);
    CHECK(got.decode_header<proto::GetKVConfigResponseHeader>()->value == "broker-a:4");

    // Registration answers carry ORDER_TOPIC_CONFIG.
    auto reg = f.call(registration("broker-a", "127.0.0.1:10911", 0, {"T", "U"}));
    auto kv = body::KVTable::decode(reg.body);
    REQUIRE(kv);
    CHECK(*kv->table.find("T") == "broker-a:4");

    proto::WipeWritePermOfBrokerRequestHeader wipe;
    wipe.brokerName = "broker-a";
    auto w = request(proto::RequestCode::WIPE_WRITE_PERM_OF_BROKER);
    w.set_header(wipe);
    auto wiped = f.call(w);
    CHECK(wiped.decode_header<proto::WipeWritePermOfBrokerResponseHeader>()->wipeTopicCount == 2);
    auto route = body::TopicRouteData::decode(f.call(route_request("T")).body);
    CHECK(route->queue_datas[0].perm == 4);

    proto::DeleteTopicFromNamesrvRequestHeader del;
    del.topic = "T";
    auto d = request(proto::RequestCode::DELETE_TOPIC_IN_NAMESRV);
    d.set_header(del);
    REQUIRE(f.call(d).code == ok);
    CHECK(f.call(route_request("T")).code == proto::to_int(proto::ResponseCode::TOPIC_NOT_EXIST));

    auto missing_key = request(proto::RequestCode::GET_KV_CONFIG);
    get.key = "absent";
    missing_key.set_header(get);
    CHECK(f.call(missing_key).code == proto::to_int(proto::ResponseCode::QUERY_NOT_FOUND));
}

TEST_CASE("requests with missing header fields get SYSTEM_ERROR naming the field") {
    Fixture f;
    auto r = request(proto::RequestCode::GET_ROUTEINFO_BY_TOPIC);
    auto response = f.call(r);
    CHECK(response.code == proto::to_int(proto::ResponseCode::SYSTEM_ERROR));
    CHECK_THAT(response.remark.value_or(""), test::contains("topic"));
}

TEST_CASE("the HTTP address service answers this name server's address") {
    // Outlives the server: an idle keep-alive poller must not hold up its stop.
    boost::asio::io_context io;
    boost::asio::ip::tcp::socket idle(io);
    nameserver::NameServerOptions options;
    options.http_port = 0;
    Fixture f(options);
    REQUIRE(f.server.http_port() != 0);
    const boost::asio::ip::tcp::endpoint http(boost::asio::ip::make_address("127.0.0.1"),
                                              f.server.http_port());

    boost::asio::ip::tcp::socket poller(io);
    poller.connect(http);
    const std::string get =
        "GET /rocketmq/nsaddr HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        "Connection: close\r\n\r\n";
    boost::asio::write(poller, boost::asio::buffer(get));
    std::string answer;
    boost::system::error_code ec;
    boost::asio::read(poller, boost::asio::dynamic_buffer(answer), ec);
    CHECK_THAT(answer, test::contains("200 OK"));
    CHECK_THAT(answer, test::contains("\r\n\r\n" + f.addr));

    idle.connect(http);
}
