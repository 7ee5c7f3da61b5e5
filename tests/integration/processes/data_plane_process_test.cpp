// The data plane against real processes: acknowledged messages and committed offsets survive a
// broker killed with SIGKILL, and a consumer that disconnects while its pull is held does not
// disturb the broker.
#include "message/record_reader.hpp"
#include "proto/flags.hpp"
#include "server_processes.hpp"

using namespace rmq;
using namespace std::chrono_literals;
using proto::RequestCode;
using remoting::RemotingCommand;

namespace {

RemotingCommand pull(int64_t offset, int64_t suspend_ms = 0) {
    proto::PullMessageRequestHeader h;
    h.consumerGroup = "CG";
    h.topic = "Orders";
    h.queueId = 0;
    h.queueOffset = offset;
    h.maxMsgNums = 32;
    h.sysFlag =
        proto::pull_sys_flag::kSubscription | (suspend_ms > 0 ? proto::pull_sys_flag::kSuspend : 0);
    h.commitOffset = 0;
    h.suspendTimeoutMillis = suspend_ms;
    h.subscription = "*";
    h.subVersion = 0;
    auto r = RemotingCommand::request(proto::to_int(RequestCode::PULL_MESSAGE));
    r.set_header(h);
    return r;
}

RemotingCommand query_offset() {
    proto::QueryConsumerOffsetRequestHeader h;
    h.consumerGroup = "CG";
    h.topic = "Orders";
    h.queueId = 0;
    auto r = RemotingCommand::request(proto::to_int(RequestCode::QUERY_CONSUMER_OFFSET));
    r.set_header(h);
    return r;
}

}  // namespace

TEST_CASE("acknowledged messages and flushed offsets survive a broker killed with SIGKILL") {
    test::TempDir dir;
    auto ns = test::start_namesrv(dir, "ns");
    const std::vector<std::string> settings{"flushConsumerOffsetInterval=1000"};
    auto broker = test::start_broker(dir, "broker-k", ns.addr, settings);
    remoting::RemotingClient client;
    for (int i = 0; i < 5; ++i) {
        test::Send s;
        s.body = "message-" + std::to_string(i);
        auto r = client.invoke_sync(broker.addr, test::send_request(s), 3s);
        REQUIRE(r);
        REQUIRE(r->code == 0);
    }
    auto update = test::update_offset_request("CG", "Orders", 0, 3);
    REQUIRE(client.invoke_sync(broker.addr, update, 3s)->code == 0);
    std::this_thread::sleep_for(1500ms);  // one flushConsumerOffsetInterval

    broker.process->signal(SIGKILL);
    REQUIRE(broker.process->wait_exit(10s) == 128 + SIGKILL);
    client.close();

    auto again = test::start_broker(dir, "broker-k", ns.addr, settings);
    remoting::RemotingClient after;
    auto offset = after.invoke_sync(again.addr, query_offset(), 3s);
    REQUIRE(offset);
    REQUIRE(offset->code == 0);
    CHECK(*offset->ext("offset") == "3");
    auto pulled = after.invoke_sync(again.addr, pull(0), 3s);
    REQUIRE(pulled);
    REQUIRE(pulled->code == 0);
    auto messages = message::decode_messages(std::span<const char>(pulled->body));
    REQUIRE(messages.size() == 5);
    for (int i = 0; i < 5; ++i)
        CHECK(messages[static_cast<size_t>(i)].body == "message-" + std::to_string(i));
}

TEST_CASE("a consumer that disconnects during a held pull leaves the broker serving") {
    test::TempDir dir;
    auto ns = test::start_namesrv(dir, "ns");
    auto broker = test::start_broker(dir, "broker-h", ns.addr);
    remoting::RemotingClient producer;
    REQUIRE(producer.invoke_sync(broker.addr, test::send_request(test::Send{}), 3s)->code == 0);
    REQUIRE(test::wait_for_max_offset(producer, broker.addr, "Orders", 0, 1) == 1);
    {
        remoting::RemotingClient impatient;
        auto held = impatient.invoke_sync(broker.addr, pull(1, 20000), 300ms);
        CHECK_FALSE(held);  // still held when the client gives up and closes
    }
    REQUIRE(producer.invoke_sync(broker.addr, test::send_request(test::Send{}), 3s)->code == 0);
    REQUIRE(test::wait_for_max_offset(producer, broker.addr, "Orders", 0, 2) == 2);
    auto r = producer.invoke_sync(broker.addr, pull(0), 3s);
    REQUIRE(r);
    CHECK(r->code == 0);
    CHECK(message::decode_messages(std::span<const char>(r->body)).size() == 2);
    CHECK(broker.process->running());
}
