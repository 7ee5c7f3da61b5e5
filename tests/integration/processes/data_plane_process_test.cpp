// The data plane against real processes: acknowledged messages and committed offsets survive a
// broker killed with SIGKILL, every kind of send reaches a consumer, and a consumer that
// disconnects while its pull is held does not disturb the broker.
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_future.hpp>

#include "message/batch.hpp"
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
    auto offset = after.invoke_sync(again.addr, test::query_offset_request("CG", "Orders", 0), 3s);
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

TEST_CASE("single, batch and one-way sends all reach a consumer pulling from a real broker") {
    test::TempDir dir;
    auto ns = test::start_namesrv(dir, "ns");
    auto broker = test::start_broker(dir, "broker-s", ns.addr);
    remoting::RemotingClient producer;

    test::Send v1;
    v1.code = RequestCode::SEND_MESSAGE;
    v1.body = "single-v1";
    REQUIRE(producer.invoke_sync(broker.addr, test::send_request(v1), 3s)->code == 0);
    test::Send v2;
    v2.body = "single-v2";
    REQUIRE(producer.invoke_sync(broker.addr, test::send_request(v2), 3s)->code == 0);

    std::vector<message::Message> entries(2);
    for (size_t i = 0; i < entries.size(); ++i) {
        entries[i].topic = "Orders";
        entries[i].body = "batch-" + std::to_string(i);
    }
    test::Send batch;
    batch.code = RequestCode::SEND_BATCH_MESSAGE;
    batch.properties = std::string("WAIT\x01true\x02", 10);
    batch.body = *message::encode_batch(entries);
    REQUIRE(producer.invoke_sync(broker.addr, test::send_request(batch), 3s)->code == 0);

    test::Send oneway;
    oneway.body = "one-way";
    auto request = test::send_request(oneway);
    request.mark_oneway();
    auto sent = boost::asio::co_spawn(producer.pool().next(),
                                      producer.invoke_oneway(broker.addr, std::move(request)),
                                      boost::asio::use_future);
    REQUIRE(sent.get());

    // A consumer holding a pull from the start sees all five, in the order they were sent.
    remoting::RemotingClient consumer;
    std::vector<std::string> bodies;
    int64_t offset = 0;
    for (int round = 0; round < 10 && bodies.size() < 5; ++round) {
        auto r = consumer.invoke_sync(broker.addr, pull(offset, 5000), 10s);
        REQUIRE(r);
        if (r->code != 0) continue;
        for (const auto& m : message::decode_messages(std::span<const char>(r->body)))
            bodies.push_back(m.body);
        offset = std::stoll(*r->ext("nextBeginOffset"));
    }
    CHECK(bodies
          == std::vector<std::string>{"single-v1", "single-v2", "batch-0", "batch-1", "one-way"});
}
