// The producer against a real name server and broker: what a user sees from each kind of send.
#include "rocketmq/producer.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_future.hpp>
#include <future>

#include "client_fixture.hpp"
#include "message/compression.hpp"
#include "message/record_reader.hpp"
#include "proto/flags.hpp"
#include "rocketmq/transaction_producer.hpp"

using namespace std::chrono_literals;
using rocketmq::ErrorKind;
using rocketmq::Message;
using rocketmq::Producer;
using rocketmq::ProducerOptions;
using rocketmq::SendStatus;

namespace {

using Cluster = rmq::test::ClientCluster;

ProducerOptions producer_options(std::string group = "PG") {
    ProducerOptions o;
    o.group = std::move(group);
    return o;
}

/// The stored messages of one queue, read with a plain PULL.
std::vector<rmq::message::MessageExt> stored(const std::string& broker, const std::string& topic,
                                             int32_t queue, int expected) {
    rmq::remoting::RemotingClient raw;
    rmq::test::wait_for_max_offset(raw, broker, topic, queue, expected);
    rmq::proto::PullMessageRequestHeader h;
    h.consumerGroup = "CHECK";
    h.topic = topic;
    h.queueId = queue;
    h.queueOffset = 0;
    h.maxMsgNums = 64;
    h.sysFlag = rmq::proto::pull_sys_flag::kSubscription;
    h.commitOffset = 0;
    h.suspendTimeoutMillis = 0;
    h.subscription = "*";
    h.subVersion = 0;
    auto request = rmq::remoting::RemotingCommand::request(
        rmq::proto::to_int(rmq::proto::RequestCode::PULL_MESSAGE));
    request.set_header(h);
    auto response = raw.invoke_sync(broker, request, 3s);
    REQUIRE(response);
    return rmq::message::decode_messages(response->body);
}

}  // namespace

TEST_CASE("a producer sends to a new topic through TBW102, and the broker creates it") {
    Cluster c;
    Producer producer(producer_options(), c.client());
    REQUIRE(producer.start());
    Message m("BrandNewTopic", "TagA", "order-1", "hello");
    m.set_property("color", "blue");
    auto sent = producer.send_blocking(m);
    INFO((sent ? "" : sent.error().message()));
    REQUIRE(sent);
    CHECK(sent->status == SendStatus::send_ok);
    CHECK(sent->queue.topic == "BrandNewTopic");
    CHECK(sent->queue.broker_name == "broker-a");
    CHECK(sent->msg_id.size() == 32);
    CHECK(sent->offset_msg_id.size() == 32);

    auto messages = stored(c.broker.addr, "BrandNewTopic", sent->queue.queue_id, 1);
    REQUIRE(messages.size() == 1);
    CHECK(messages[0].body == "hello");
    CHECK(messages[0].tags() == "TagA");
    CHECK(messages[0].keys() == "order-1");
    CHECK(messages[0].property("color") == "blue");
    CHECK(messages[0].uniq_key() == sent->msg_id);
}

TEST_CASE("co_await send, the callback form and one-way sends all store their message") {
    Cluster c;
    boost::asio::io_context io;
    Producer producer(io.get_executor(), producer_options(), c.client());
    REQUIRE(producer.start());
    std::vector<rocketmq::Result<rocketmq::SendResult>> results;
    std::optional<rocketmq::Result<void>> oneway;
    std::optional<rocketmq::Result<rocketmq::SendResult>> from_callback;
    boost::asio::co_spawn(
        io,
        [&]() -> boost::asio::awaitable<void> {
            for (int i = 0; i < 3; ++i)
                results.push_back(
                    co_await producer.send(Message("Orders", "sync-" + std::to_string(i))));
            oneway = co_await producer.send_oneway(Message("Orders", "oneway"));
            producer.send(Message("Orders", "async"),
                          [&](rocketmq::Result<rocketmq::SendResult> r) {
                              from_callback = std::move(r);
                              io.stop();
                          });
        },
        boost::asio::detached);
    io.run_for(20s);
    REQUIRE(results.size() == 3);
    for (auto& r : results) {
        INFO((r ? "" : r.error().message()));
        CHECK(r);
    }
    REQUIRE(oneway);
    CHECK(*oneway);
    REQUIRE(from_callback);
    CHECK(*from_callback);
    std::vector<std::string> bodies;
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    while (bodies.size() < 5 && std::chrono::steady_clock::now() < deadline) {
        bodies.clear();
        for (int q = 0; q < 4; ++q)
            for (auto& m : stored(c.broker.addr, "Orders", q, 0))
                bodies.push_back(m.body);
    }
    std::sort(bodies.begin(), bodies.end());
    CHECK(bodies == std::vector<std::string>{"async", "oneway", "sync-0", "sync-1", "sync-2"});
}

TEST_CASE("a large body is compressed on the wire and stored with the COMPRESSED flag") {
    Cluster c;
    Producer producer(producer_options(), c.client());
    REQUIRE(producer.start());
    const std::string body(64 * 1024, 'x');
    auto sent = producer.send_blocking(Message("Big", body));
    INFO((sent ? "" : sent.error().message()));
    REQUIRE(sent);
    auto messages = stored(c.broker.addr, "Big", sent->queue.queue_id, 1);
    REQUIRE(messages.size() == 1);
    CHECK((messages[0].sys_flag & rmq::proto::msg_sys_flag::kCompressed) != 0);
    CHECK(messages[0].body.size() < body.size());
    auto inflated = rmq::message::decompress_body(messages[0].body, messages[0].sys_flag);
    REQUIRE(inflated);
    CHECK(*inflated == body);
}

TEST_CASE("messages with one hash key go to one queue in order, and batches keep their order") {
    Cluster c;
    Producer producer(producer_options(), c.client());
    REQUIRE(producer.start());
    std::optional<int32_t> queue;
    for (int i = 0; i < 5; ++i) {
        auto sent = producer.send_blocking(Message("Ordered", "step-" + std::to_string(i)),
                                           rocketmq::select_by_hash("order-42"));
        REQUIRE(sent);
        if (queue) CHECK(sent->queue.queue_id == *queue);
        queue = sent->queue.queue_id;
    }
    auto in_queue = stored(c.broker.addr, "Ordered", *queue, 5);
    REQUIRE(in_queue.size() == 5);
    for (int i = 0; i < 5; ++i)
        CHECK(in_queue[i].body == "step-" + std::to_string(i));

    std::vector<Message> batch;
    for (int i = 0; i < 10; ++i)
        batch.emplace_back("Batched", "TagB", "item-" + std::to_string(i));
    auto sent = producer.send_batch_blocking(batch);
    INFO((sent ? "" : sent.error().message()));
    REQUIRE(sent);
    CHECK(std::count(sent->msg_id.begin(), sent->msg_id.end(), ',') == 9);
    auto batched = stored(c.broker.addr, "Batched", sent->queue.queue_id, 10);
    REQUIRE(batched.size() == 10);
    for (int i = 0; i < 10; ++i) {
        CHECK(batched[i].body == "item-" + std::to_string(i));
        CHECK(batched[i].tags() == "TagB");
    }
}

TEST_CASE("bad sends are refused with a reason before anything is written") {
    Cluster c;
    ProducerOptions options = producer_options();
    options.max_message_size = 1024;
    Producer producer(options, c.client());
    REQUIRE(producer.start());

    auto too_big = producer.send_blocking(Message("Orders", std::string(2048, 'x')));
    REQUIRE_FALSE(too_big);
    CHECK(too_big.error().kind == ErrorKind::invalid_argument);
    CHECK(too_big.error().reason.find("max") != std::string::npos);

    auto bad_topic = producer.send_blocking(Message("bad topic!", "x"));
    REQUIRE_FALSE(bad_topic);
    CHECK(bad_topic.error().reason.find("illegal characters") != std::string::npos);

    std::vector<Message> mixed{Message("A", "1"), Message("B", "2")};
    auto batch = producer.send_batch_blocking(mixed);
    REQUIRE_FALSE(batch);
    CHECK(batch.error().kind == ErrorKind::invalid_argument);
}

TEST_CASE("without a reachable name server a send fails within its timeout and says why") {
    rocketmq::ClientOptions client;
    client.namesrv_addr = "127.0.0.1:1";  // nothing listens there
    ProducerOptions options = producer_options();
    options.send_msg_timeout = 1500ms;
    Producer producer(options, client);
    REQUIRE(producer.start());
    const auto started = std::chrono::steady_clock::now();
    auto sent = producer.send_blocking(Message("Orders", "x"));
    REQUIRE_FALSE(sent);
    CHECK(std::chrono::steady_clock::now() - started < 10s);
    CHECK(sent.error().kind == ErrorKind::network);
    CHECK(sent.error().server == "127.0.0.1:1");
}

TEST_CASE("a send to a broker that was killed fails with a clear error within the timeout") {
    Cluster c;
    ProducerOptions options = producer_options();
    options.send_msg_timeout = 2000ms;
    Producer producer(options, c.client());
    REQUIRE(producer.start());
    REQUIRE(producer.send_blocking(Message("Orders", "before")));
    c.broker.process->signal(SIGKILL);
    REQUIRE(c.broker.process->wait_exit(10s));
    const auto started = std::chrono::steady_clock::now();
    auto sent = producer.send_blocking(Message("Orders", "after"));
    REQUIRE_FALSE(sent);
    CHECK(std::chrono::steady_clock::now() - started < 8s);
    CHECK((sent.error().kind == ErrorKind::network || sent.error().kind == ErrorKind::timeout));
    CHECK(sent.error().reason.find("broker-a") != std::string::npos);
}

TEST_CASE("cancelling the awaiting coroutine ends a send with ErrorKind::cancelled") {
    using namespace boost::asio::experimental::awaitable_operators;
    Cluster c;
    boost::asio::io_context io;
    Producer producer(io.get_executor(), producer_options(), c.client());
    REQUIRE(producer.start());
    // Stop the broker so the send waits, then cancel it with a 200 ms timer.
    c.broker.process->signal(SIGSTOP);
    std::optional<std::variant<rocketmq::Result<rocketmq::SendResult>, std::monostate>> outcome;
    const auto started = std::chrono::steady_clock::now();
    std::chrono::steady_clock::duration took{};
    boost::asio::co_spawn(
        io,
        [&]() -> boost::asio::awaitable<void> {
            boost::asio::steady_timer timer(io, 200ms);
            auto r = co_await (producer.send(Message("Orders", "x"))
                               || timer.async_wait(boost::asio::use_awaitable));
            if (r.index() == 0) {
                outcome = std::get<0>(std::move(r));
            } else {
                outcome = std::monostate{};
            }
            took = std::chrono::steady_clock::now() - started;
        },
        boost::asio::detached);
    io.run_for(10s);
    c.broker.process->signal(SIGCONT);
    REQUIRE(outcome);
    if (outcome->index() == 0) {  // the send won: say with what (seen once, not understood)
        const auto& result = std::get<0>(*outcome);
        FAIL_CHECK("the send ended before the timer: " << (result ? "SEND_OK " + result->msg_id
                                                                  : result.error().message()));
    }
    CHECK(took < 2500ms);  // and the send stopped before its 3 s timeout
}

TEST_CASE("transactions: commit shows the message, rollback drops it, unknown asks the checker") {
    // transactionCheckInterval: the broker asks about unknown outcomes after about a second.
    Cluster c({"transactionCheckInterval=1000", "transactionTimeOut=1000"});
    const auto client = c.client();
    const auto& broker = c.broker;
    std::atomic<int> checks{0};
    rocketmq::TransactionProducer producer(
        producer_options("TXG"),
        [&](const rocketmq::ReceivedMessage& m) {
            ++checks;
            return m.body == "unknown-then-commit" ? rocketmq::LocalTransactionState::commit
                                                   : rocketmq::LocalTransactionState::rollback;
        },
        client);
    REQUIRE(producer.start());
    const auto local = [](rocketmq::LocalTransactionState s) {
        return [s](const Message&) { return s; };
    };
    auto commit = producer.send_in_transaction_blocking(
        Message("Tx", "committed"), local(rocketmq::LocalTransactionState::commit));
    INFO((commit ? "" : commit.error().message()));
    REQUIRE(commit);
    CHECK(commit->local_state == rocketmq::LocalTransactionState::commit);
    REQUIRE(producer.send_in_transaction_blocking(
        Message("Tx", "rolled-back"), local(rocketmq::LocalTransactionState::rollback)));
    REQUIRE(producer.send_in_transaction_blocking(Message("Tx", "unknown-then-commit"),
                                                  local(rocketmq::LocalTransactionState::unknown)));

    // Committed messages become visible in Tx; the rolled-back one never does.
    std::vector<std::string> visible;
    const auto deadline = std::chrono::steady_clock::now() + 30s;
    while (visible.size() < 2 && std::chrono::steady_clock::now() < deadline) {
        visible.clear();
        for (int q = 0; q < 4; ++q)
            for (auto& m : stored(broker.addr, "Tx", q, 0))
                visible.push_back(m.body);
        if (visible.size() < 2) std::this_thread::sleep_for(100ms);
    }
    std::sort(visible.begin(), visible.end());
    CHECK(visible == std::vector<std::string>{"committed", "unknown-then-commit"});
    CHECK(checks >= 1);
}
