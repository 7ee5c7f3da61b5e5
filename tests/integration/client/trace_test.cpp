// Message trace with our client against a real broker (ours, or Java's with
// RMQ_CLIENT_TEST_BROKER=java): producers and consumers with enable_msg_trace leave the records
// a user looks up with queryMsgTraceById, with what they sent, where, how it went and who
// consumed it; a trace topic that cannot be written to costs the traced sends nothing.
#include <atomic>
#include <set>
#include <thread>

#include "client_fixture.hpp"
#include "rocketmq/admin.hpp"
#include "rocketmq/lite_pull_consumer.hpp"
#include "rocketmq/producer.hpp"
#include "rocketmq/push_consumer.hpp"
#include "rocketmq/transaction_producer.hpp"

using namespace std::chrono_literals;
using rocketmq::Message;
using rocketmq::TraceType;
using rocketmq::TraceView;
using Views = std::vector<TraceView>;

namespace {

int64_t now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

rocketmq::ProducerOptions traced_producer(const std::string& group) {
    rocketmq::ProducerOptions o;
    o.group = group;
    o.enable_msg_trace = true;
    return o;
}

size_t count(const Views& views, TraceType type) {
    return static_cast<size_t>(std::count_if(views.begin(), views.end(),
                                             [&](const auto& v) { return v.record.type == type; }));
}

const rocketmq::TraceRecord& first(const Views& views, TraceType type) {
    auto it = std::find_if(views.begin(), views.end(),
                           [&](const auto& v) { return v.record.type == type; });
    REQUIRE(it != views.end());
    return it->record;
}

/// The trace records of `msg_id` once `done` holds for them. Trace messages go out within
/// half a second, and the broker indexes them moments after storing them; a lookup that keeps
/// failing gives what it found last.
Views traces_when(const rmq::test::ClientCluster& c, const std::string& msg_id,
                  const std::function<bool(const Views&)>& done,
                  const std::string& topic = std::string(rocketmq::kDefaultTraceTopic)) {
    rocketmq::Admin admin(c.client("trace-reader"));
    const auto deadline = std::chrono::steady_clock::now() + 30s;
    Views last;
    while (std::chrono::steady_clock::now() < deadline) {
        auto found = admin.blocking(admin.query_trace(msg_id, topic));
        if (found) {
            last = std::move(*found);
            if (done(last)) break;
        }
        std::this_thread::sleep_for(100ms);
    }
    return last;
}

bool published_and_consumed(const Views& v) {
    return count(v, TraceType::pub) >= 1 && count(v, TraceType::sub_before) >= 1
           && count(v, TraceType::sub_after) >= 1;
}

}  // namespace

TEST_CASE("a traced producer and push consumer leave the records queryMsgTraceById shows") {
    rmq::test::ClientCluster c;
    rocketmq::Producer producer(traced_producer("PG-traced"), c.client("traced-producer"));
    REQUIRE(producer.start());
    const auto before = now_ms();
    std::vector<rocketmq::SendResult> sent;
    for (int i = 0; i < 3; ++i) {
        auto result = producer.send_blocking(Message(
            "TracedTopic", "TagT", "key-" + std::to_string(i), "body-" + std::to_string(i)));
        INFO((result ? "" : result.error().message()));
        REQUIRE(result);
        sent.push_back(*result);
    }

    rmq::test::Received received;
    rocketmq::PushConsumerOptions co;
    co.group = "CG-traced";
    co.consume_from_where = rocketmq::ConsumeFromWhere::first_offset;
    co.enable_msg_trace = true;
    rocketmq::PushConsumer consumer(co, c.client("traced-consumer"));
    REQUIRE(consumer.subscribe("TracedTopic"));
    consumer.set_listener(rmq::test::collect_into(received));
    REQUIRE(consumer.start_blocking());
    REQUIRE(received.wait_for_count(3, 30s));

    for (int i = 0; i < 3; ++i) {
        const auto& result = sent[static_cast<size_t>(i)];
        INFO("message " << i << " " << result.msg_id);
        const auto views = traces_when(c, result.msg_id, published_and_consumed);
        REQUIRE(published_and_consumed(views));
        CHECK(count(views, TraceType::pub) == 1);

        const auto& pub = first(views, TraceType::pub);
        CHECK(pub.group == "PG-traced");
        CHECK(pub.topic == "TracedTopic");
        CHECK(pub.tags == "TagT");
        CHECK(pub.keys == "key-" + std::to_string(i));
        CHECK(pub.store_host == c.broker.addr);
        CHECK(pub.body_length == 6);
        CHECK(pub.offset_msg_id == result.offset_msg_id);
        CHECK(pub.msg_type == rocketmq::TraceMessageType::normal);
        CHECK(pub.region_id == "DefaultRegion");
        CHECK(pub.success);
        CHECK(pub.timestamp >= before);
        CHECK(pub.cost_time >= 0);

        const auto& sub_before = first(views, TraceType::sub_before);
        const auto& sub_after = first(views, TraceType::sub_after);
        CHECK(sub_before.group == "CG-traced");
        CHECK(sub_before.retry_times == 0);
        CHECK(sub_before.keys == "key-" + std::to_string(i));
        CHECK(sub_after.request_id == sub_before.request_id);
        CHECK(sub_after.group == "CG-traced");
        CHECK(sub_after.success);
        CHECK(sub_after.context_code == 0);
        CHECK(sub_after.timestamp >= sub_before.timestamp);
        CHECK(sub_after.timestamp >= pub.timestamp);
        for (const auto& v : views)
            CHECK_FALSE(v.client_host.empty());
    }
    consumer.shutdown_blocking();
    producer.shutdown_blocking();
}

TEST_CASE("a listener that asks for a retry or throws is traced as failed, and its retry as one") {
    rmq::test::ClientCluster c;
    auto producer = std::make_unique<rocketmq::Producer>(traced_producer("PG-retried"),
                                                         c.client("retried-producer"));
    REQUIRE(producer->start());
    auto failing = producer->send_blocking(Message("RetriedTopic", "fail-once"));
    auto throwing = producer->send_blocking(Message("RetriedTopic", "throw-once"));
    REQUIRE(failing);
    REQUIRE(throwing);

    std::atomic<int> calls{0};
    rocketmq::PushConsumerOptions co;
    co.group = "CG-retried";
    co.consume_from_where = rocketmq::ConsumeFromWhere::first_offset;
    co.enable_msg_trace = true;
    rocketmq::PushConsumer consumer(co, c.client("retried-consumer"));
    REQUIRE(consumer.subscribe("RetriedTopic"));
    consumer.set_listener(
        [&](std::span<const rocketmq::ReceivedMessage> batch, rocketmq::ConsumeContext& context) {
            ++calls;
            context.delay_level_when_next_consume = 1;  // back in a second
            const auto& m = batch.front();
            if (m.reconsume_times > 0) return rocketmq::ConsumeResult::success;
            if (m.body == "throw-once") throw std::runtime_error("the listener failed");
            return rocketmq::ConsumeResult::reconsume_later;
        });
    REQUIRE(consumer.start_blocking());

    const auto retried = [](const Views& v) { return count(v, TraceType::sub_after) >= 2; };
    for (const auto& [result, code] : {std::pair{*failing, 4}, std::pair{*throwing, 2}}) {
        INFO(result.msg_id << " expects context code " << code);
        const auto views = traces_when(c, result.msg_id, retried);
        REQUIRE(retried(views));
        std::set<std::pair<bool, int>> outcomes;
        std::set<int> retry_times;
        for (const auto& v : views) {
            if (v.record.type == TraceType::sub_after)
                outcomes.insert({v.record.success, v.record.context_code});
            if (v.record.type == TraceType::sub_before) retry_times.insert(v.record.retry_times);
        }
        CHECK(outcomes == std::set<std::pair<bool, int>>{{false, code}, {true, 0}});
        CHECK(retry_times == std::set<int>{0, 1});
    }
    consumer.shutdown_blocking();
}

TEST_CASE("a traced transaction records its half message and how it ended") {
    rmq::test::ClientCluster c;
    rocketmq::TransactionProducer producer(
        traced_producer("PG-traced-tx"),
        [](const rocketmq::ReceivedMessage&) { return rocketmq::LocalTransactionState::commit; },
        c.client("traced-tx"));
    REQUIRE(producer.start());
    Message m("TracedTx", "TagTx", "tx-key", "tx-body");
    auto sent = producer.send_in_transaction_blocking(
        m, [](const Message&) { return rocketmq::LocalTransactionState::commit; });
    INFO((sent ? "" : sent.error().message()));
    REQUIRE(sent);
    const auto ended = [](const Views& v) {
        return count(v, TraceType::pub) == 1 && count(v, TraceType::end_transaction) == 1;
    };
    const auto views = traces_when(c, sent->msg_id, ended);
    REQUIRE(ended(views));
    CHECK(first(views, TraceType::pub).msg_type == rocketmq::TraceMessageType::transaction_half);
    const auto& end = first(views, TraceType::end_transaction);
    CHECK(end.group == "PG-traced-tx");
    CHECK(end.topic == "TracedTx");
    CHECK(end.tags == "TagTx");
    CHECK(end.keys == "tx-key");
    CHECK(end.transaction_id == sent->msg_id);
    CHECK(end.transaction_state == "COMMIT_MESSAGE");
    CHECK(end.msg_type == rocketmq::TraceMessageType::transaction_commit);
    CHECK(end.store_host == c.broker.addr);
    CHECK_FALSE(end.from_transaction_check);
    producer.shutdown_blocking();
}

TEST_CASE("a traced lite pull consumer records the batches it fetches") {
    rmq::test::ClientCluster c;
    rocketmq::ProducerOptions po;
    po.group = "PG-plain";
    rocketmq::Producer producer(po, c.client("plain-producer"));
    REQUIRE(producer.start());
    auto sent = producer.send_blocking(Message("LiteTraced", "TagL", "lite-key", "lite-body"));
    REQUIRE(sent);

    rocketmq::LitePullConsumerOptions lo;
    lo.group = "CG-lite-traced";
    lo.consume_from_where = rocketmq::ConsumeFromWhere::first_offset;
    lo.enable_msg_trace = true;
    rocketmq::LitePullConsumer consumer(lo, c.client("lite-traced"));
    REQUIRE(consumer.subscribe("LiteTraced"));
    REQUIRE(consumer.start_blocking());
    std::vector<rocketmq::ReceivedMessage> got;
    const auto deadline = std::chrono::steady_clock::now() + 30s;
    while (got.empty() && std::chrono::steady_clock::now() < deadline)
        got = consumer.poll_blocking(1s);
    REQUIRE(got.size() == 1);

    const auto consumed = [](const Views& v) {
        return count(v, TraceType::sub_before) == 1 && count(v, TraceType::sub_after) == 1;
    };
    const auto views = traces_when(c, sent->msg_id, consumed);
    REQUIRE(consumed(views));
    CHECK(count(views, TraceType::pub) == 0);  // the producer did not trace
    CHECK(first(views, TraceType::sub_after).group == "CG-lite-traced");
    CHECK(first(views, TraceType::sub_after).success);
    consumer.shutdown_blocking();
}

TEST_CASE("a producer's traces go to its own trace topic, sent before shutdown returns") {
    rmq::test::ClientCluster c;
    auto options = traced_producer("PG-custom-trace");
    options.trace_topic = "CustomTraceTopic";
    rocketmq::Producer producer(options, c.client("custom-trace"));
    REQUIRE(producer.start());
    auto sent = producer.send_blocking(Message("CustomTraced", "body"));
    REQUIRE(sent);
    // Well within the half second after which a batch goes out on its own.
    producer.shutdown_blocking();
    const auto views = traces_when(
        c, sent->msg_id, [](const Views& v) { return count(v, TraceType::pub) == 1; },
        "CustomTraceTopic");
    REQUIRE(count(views, TraceType::pub) == 1);
    CHECK(first(views, TraceType::pub).topic == "CustomTraced");
}

TEST_CASE("traced sends succeed when the trace topic refuses every trace") {
    rmq::test::ClientCluster c;
    rocketmq::Admin admin(c.client("admin"));
    rmq::body::TopicConfig config;
    config.topic_name = "ReadOnlyTraceTopic";
    config.read_queue_nums = 1;
    config.write_queue_nums = 1;
    config.perm = 4;  // readable only: every trace message is refused
    REQUIRE(admin.blocking(admin.create_topic(c.broker.addr, config)));
    rmq::remoting::RemotingClient raw;
    REQUIRE(rmq::test::wait_for_route(raw, c.ns.addr, "ReadOnlyTraceTopic",
                                      [](int code) { return code == 0; })
            == 0);

    auto options = traced_producer("PG-refused-traces");
    options.trace_topic = "ReadOnlyTraceTopic";
    rocketmq::Producer producer(options, c.client("refused-traces"));
    REQUIRE(producer.start());
    for (int i = 0; i < 50; ++i) {
        auto sent = producer.send_blocking(Message("TracedAnyway", "m-" + std::to_string(i)));
        INFO((sent ? "" : sent.error().message()));
        REQUIRE(sent);
    }
    producer.shutdown_blocking();
    auto stored = admin.blocking(admin.max_offset(c.broker.addr, "ReadOnlyTraceTopic", 0));
    REQUIRE(stored);
    CHECK(*stored == 0);
}
