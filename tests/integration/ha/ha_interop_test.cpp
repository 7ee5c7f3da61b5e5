// Replication with Apache RocketMQ 4.9.8, both ways: a Java slave of our SYNC_MASTER, and our
// slave of a Java SYNC_MASTER. In each pair the master answers SLAVE_NOT_AVAILABLE until the
// slave has caught up and SEND_OK afterwards, the slave holds every acknowledged message, and it
// takes over its master's topics and consumer offsets (the 4.9.8 slave asks for the topics on the
// master's VIP port, listenPort − 2).
#include <chrono>
#include <functional>
#include <thread>

#include "eventually.hpp"
#include "java_reference.hpp"
#include "pull_requests.hpp"

using namespace rmq;
using namespace std::chrono_literals;
using rmq::test::eventually;

namespace {

constexpr const char* kTopic = "HaInterop";
constexpr const char* kGroup = "HaInteropGroup";
constexpr int32_t kQueue = 1;
constexpr auto kSlaveNotAvailable = proto::to_int(proto::ResponseCode::SLAVE_NOT_AVAILABLE);
constexpr auto kFlushSlaveTimeout = proto::to_int(proto::ResponseCode::FLUSH_SLAVE_TIMEOUT);

remoting::RemotingCommand call(remoting::RemotingClient& client, const std::string& addr,
                               remoting::RemotingCommand request) {
    auto r = client.invoke_sync(addr, std::move(request), 5s);
    REQUIRE(r);
    return std::move(*r);
}

test::Send message(int i) {
    test::Send s;
    s.topic = kTopic;
    s.queue_id = kQueue;
    s.body = "replicated-" + std::to_string(i);
    return s;
}

/// A master whose slave has not connected stores the message but answers SLAVE_NOT_AVAILABLE.
void topic_without_slave(remoting::RemotingClient& client, const std::string& master) {
    REQUIRE(call(client, master, test::create_topic_request(kTopic, 2)).code == 0);
    REQUIRE(call(client, master, test::send_request(message(0))).code == kSlaveNotAvailable);
}

/// With the slave started: sends until SEND_OK (the slave connected and caught up), then 50
/// more, each of which must be SEND_OK; a group's offset is committed on the master. The slave
/// must then hold every message and learn the topic and the offset.
void check_replication(remoting::RemotingClient& client, const std::string& master,
                       const std::string& slave) {
    int sent = 1;
    int code = -1;
    const auto deadline = std::chrono::steady_clock::now() + 60s;
    while (code != 0 && std::chrono::steady_clock::now() < deadline) {
        code = call(client, master, test::send_request(message(sent))).code;
        ++sent;
        if (code != 0) {
            // A 4.9.8 slave reports its offset only 5 s after connecting; meanwhile a master
            // counts it and a put waits for it in vain (FLUSH_SLAVE_TIMEOUT), as 4.9.8's does.
            REQUIRE((code == kSlaveNotAvailable || code == kFlushSlaveTimeout));
            std::this_thread::sleep_for(50ms);
        }
    }
    REQUIRE(code == 0);
    for (int i = 0; i < 50; ++i, ++sent)
        REQUIRE(call(client, master, test::send_request(message(sent))).code == 0);
    REQUIRE(call(client, master, test::update_offset_request(kGroup, kTopic, kQueue, 7)).code == 0);

    CHECK(test::wait_for_max_offset(client, slave, kTopic, kQueue, sent, 30s) == sent);
    CHECK(eventually(
        [&] {
            const auto topics = call(client, slave,
                                     remoting::RemotingCommand::request(
                                         proto::to_int(proto::RequestCode::GET_ALL_TOPIC_CONFIG)));
            return topics.code == 0 && topics.body.find(kTopic) != std::string::npos;
        },
        30s));
    CHECK(eventually(
        [&] {
            const auto offset =
                call(client, slave, test::query_offset_request(kGroup, kTopic, kQueue));
            const std::string* value = offset.code == 0 ? offset.ext("offset") : nullptr;
            return value && *value == "7";
        },
        30s));
    // Once the slave knows the topic it serves pulls of it.
    test::Pull pull;
    pull.topic = kTopic;
    pull.queue_id = kQueue;
    pull.offset = sent - 1;
    pull.group = kGroup;
    const auto pulled = call(client, slave, test::pull_request(pull));
    CHECK(pulled.code == 0);
    CHECK(pulled.body.find("replicated-" + std::to_string(sent - 1)) != std::string::npos);
}

}  // namespace

TEST_CASE("a RocketMQ 4.9.8 slave replicates from our SYNC_MASTER") {
    const auto java = test::java_launcher_or_skip();
    test::TempDir dir;
    remoting::RemotingClient client;
    auto ns = test::start_namesrv(dir, "ns");
    // A fixed port: the Java slave finds the VIP port (−2) and the HA port (+1) beside it.
    const int port = test::free_port_block();
    auto master = test::start_broker(
        dir, "broker-a", ns.addr, {"brokerRole=SYNC_MASTER", "listenPort=" + std::to_string(port)});
    INFO(master.log());
    topic_without_slave(client, master.addr);

    auto slave = test::start_java_broker(dir, java, "java-slave", ns.addr,
                                         {"brokerId=1", "brokerRole=SLAVE"});
    INFO(dir.path() / "java-slave.log");
    check_replication(client, master.addr, slave.addr);
}

TEST_CASE("our slave replicates from a RocketMQ 4.9.8 SYNC_MASTER") {
    const auto java = test::java_launcher_or_skip();
    test::TempDir dir;
    remoting::RemotingClient client;
    auto ns = test::start_java_namesrv(dir, java);
    auto master =
        test::start_java_broker(dir, java, "java-master", ns.addr, {"brokerRole=SYNC_MASTER"});
    topic_without_slave(client, master.addr);

    auto slave = test::start_broker(dir, "broker-a", ns.addr, {"brokerId=1", "brokerRole=SLAVE"});
    INFO(slave.log());
    check_replication(client, master.addr, slave.addr);
}
