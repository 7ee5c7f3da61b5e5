// Handlers called directly on a broker context over a temporary store, without a server:
// send, pull (found, nothing, held until a message arrives), end-transaction and update-topic.
#include "admin/admin_handlers.hpp"
#include "catch.hpp"
#include "client_requests.hpp"
#include "handler_bench.hpp"
#include "message/message_id.hpp"
#include "message/property_keys.hpp"
#include "message/record.hpp"
#include "message/record_reader.hpp"
#include "proto/flags.hpp"
#include "proto/headers.hpp"
#include "proto/request_code.hpp"
#include "proto/response_code.hpp"
#include "pull/pull_handlers.hpp"
#include "pull_requests.hpp"
#include "send/send_handlers.hpp"
#include "transaction/transaction_handlers.hpp"

using namespace rmq;
using broker::BrokerContext;
using proto::RequestCode;
using proto::ResponseCode;
using remoting::RemotingCommand;
using test::HandlerBench;

namespace {

constexpr int32_t kSuccess = proto::to_int(ResponseCode::SUCCESS);

struct Sent {
    int64_t queue_offset = -1;
    int64_t commit_log_offset = -1;
};

Sent send(HandlerBench& bench, test::Send s) {
    auto response = bench.run(
        broker::handle_send(bench.broker(), bench.request_context(), test::send_request(s)));
    REQUIRE(response.code == kSuccess);
    auto h = response.decode_header<proto::SendMessageResponseHeader>();
    REQUIRE(h);
    auto id = message::parse_offset_msg_id(h->msgId);
    REQUIRE(id);
    return {h->queueOffset, id->commit_log_offset};
}

std::vector<message::MessageExt> messages_of(const RemotingCommand& pull_response) {
    std::string body;
    for (const auto& view : pull_response.body_views)
        body.append(view.data(), view.size());
    return message::decode_messages(std::span<const char>(body));
}

test::Pull pull_of(const std::string& topic, int64_t offset, int64_t suspend_ms = 0) {
    test::Pull p;
    p.topic = topic;
    p.offset = offset;
    p.suspend_ms = suspend_ms;
    return p;
}

}  // namespace

TEST_CASE("UPDATE_AND_CREATE_TOPIC handled directly creates the topic, refused on a slave") {
    SECTION("a master creates it and answers with Java's default remark") {
        HandlerBench bench;
        auto response = broker::handle_update_and_create_topic(
            bench.broker(), test::create_topic_request("Orders", 3));
        CHECK(response.code == kSuccess);
        CHECK(response.remark == std::optional<std::string>("not set any response code"));
        auto topic = bench.broker().topics->find("Orders");
        REQUIRE(topic);
        CHECK(topic->read_queue_nums == 3);
        CHECK(topic->write_queue_nums == 3);

        auto conflict = broker::handle_update_and_create_topic(
            bench.broker(), test::create_topic_request("SCHEDULE_TOPIC_XXXX", 1));
        CHECK(conflict.code == proto::to_int(ResponseCode::SYSTEM_ERROR));
        CHECK(conflict.remark.value_or("")
              == "The topic[SCHEDULE_TOPIC_XXXX] is conflict with system topic.");
    }
    SECTION("a slave refuses and keeps no such topic") {
        HandlerBench bench({"brokerRole=SLAVE", "brokerId=1"});
        auto response = broker::handle_update_and_create_topic(
            bench.broker(), test::create_topic_request("Orders", 3));
        CHECK(response.code == proto::to_int(ResponseCode::SYSTEM_ERROR));
        CHECK(response.remark.value_or("").starts_with(
            "Can't modify topic or subscription group from slave"));
        CHECK_FALSE(bench.broker().topics->find("Orders"));
    }
}

TEST_CASE("SEND_MESSAGE_V2 handled directly stores the message and answers its offsets") {
    HandlerBench bench;
    REQUIRE(broker::handle_update_and_create_topic(bench.broker(),
                                                   test::create_topic_request("Orders", 1))
                .code
            == kSuccess);
    const Sent first = send(bench, test::Send{});
    const Sent second = send(bench, test::Send{});
    CHECK(first.queue_offset == 0);
    CHECK(second.queue_offset == 1);
    CHECK(second.commit_log_offset > first.commit_log_offset);

    // Stored as sent: the record at the answered offset carries the topic, body and tags.
    auto stored = bench.broker().store->select_one_message_by_offset(first.commit_log_offset);
    REQUIRE(stored);
    auto record = message::decode_record(stored.bytes);
    REQUIRE(record.is_message());
    CHECK(record.record().topic == "Orders");
    CHECK(record.record().body == "hello");
    CHECK(record.record().property(message::prop::kTags) == "TagA");

    SECTION("a new topic is created from TBW102, as autoCreateTopicEnable allows") {
        test::Send s;
        s.topic = "Fresh";
        send(bench, s);
        CHECK(bench.broker().topics->find("Fresh"));
    }
    SECTION("every answer, refusals included, carries MSG_REGION and TRACE_ON") {
        test::Send s;
        s.topic = "bad topic";  // a space is not allowed in a topic name
        auto response = bench.run(
            broker::handle_send(bench.broker(), bench.request_context(), test::send_request(s)));
        CHECK(response.code == proto::to_int(ResponseCode::SYSTEM_ERROR));
        REQUIRE(response.ext_fields);
        const std::string* region = response.ext_fields->find("MSG_REGION");
        const std::string* trace_on = response.ext_fields->find("TRACE_ON");
        REQUIRE(region);
        REQUIRE(trace_on);
        CHECK(*region == "DefaultRegion");
        CHECK(*trace_on == "true");
    }
}

TEST_CASE("PULL_MESSAGE handled directly: found, nothing new, and held until a message arrives") {
    HandlerBench bench;
    auto& broker = bench.broker();
    REQUIRE(
        broker::handle_update_and_create_topic(broker, test::create_topic_request("Orders", 1)).code
        == kSuccess);
    send(bench, test::Send{});

    // Found: a pull that may wait rides out the dispatch of the message just stored.
    auto found = bench.run(broker::handle_pull_message(
        broker, bench.request_context(), test::pull_request(pull_of("Orders", 0, 5000))));
    REQUIRE(found.code == kSuccess);
    auto h = found.decode_header<proto::PullMessageResponseHeader>();
    REQUIRE(h);
    CHECK(h->nextBeginOffset == 1);
    auto messages = messages_of(found);
    REQUIRE(messages.size() == 1);
    CHECK(messages[0].body == "hello");

    SECTION("nothing beyond the end: PULL_NOT_FOUND at once without suspension") {
        auto none = bench.run(broker::handle_pull_message(
            broker, bench.request_context(), test::pull_request(pull_of("Orders", 1))));
        CHECK(none.code == proto::to_int(ResponseCode::PULL_NOT_FOUND));
        CHECK(broker.pull_waiters.held() == 0);
    }
    SECTION("held: the pull waits, and the next send's arrival answers it") {
        // Named: the handler keeps a reference to its request while it is held.
        const auto request = test::pull_request(pull_of("Orders", 1, 30000));
        auto held =
            bench.start(broker::handle_pull_message(broker, bench.request_context(), request));
        // The pull is held once it waits among the pull waiters.
        const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        while (broker.pull_waiters.held() == 0 && std::chrono::steady_clock::now() < until)
            std::this_thread::yield();
        REQUIRE(broker.pull_waiters.held() == 1);
        CHECK(held.wait_for(std::chrono::milliseconds(0)) == std::future_status::timeout);

        test::Send next;
        next.body = "second";
        send(bench, next);
        REQUIRE(held.wait_for(std::chrono::seconds(10)) == std::future_status::ready);
        auto answer = held.get();
        REQUIRE(answer.code == kSuccess);
        auto arrived = messages_of(answer);
        REQUIRE(arrived.size() == 1);
        CHECK(arrived[0].body == "second");
    }
    SECTION("held until its suspend time runs out: PULL_NOT_FOUND then") {
        auto answer = bench.run(broker::handle_pull_message(
            broker, bench.request_context(), test::pull_request(pull_of("Orders", 1, 50))));
        CHECK(answer.code == proto::to_int(ResponseCode::PULL_NOT_FOUND));
    }
}

TEST_CASE("END_TRANSACTION handled directly commits a half message to its topic or drops it") {
    HandlerBench bench;
    auto& broker = bench.broker();
    REQUIRE(
        broker::handle_update_and_create_topic(broker, test::create_topic_request("Orders", 1)).code
        == kSuccess);
    test::Send prepared;
    prepared.properties = std::string("TAGS\x01TagA\x02TRAN_MSG\x01true\x02PGROUP\x01PG\x02", 34);
    prepared.body = "tx";
    const Sent half = send(bench, prepared);
    // The half message waits out of sight: nothing in the real topic yet.
    CHECK(broker.store->max_offset_in_queue("Orders", 0) <= 0);

    const auto end = [&](int32_t verdict) {
        proto::EndTransactionRequestHeader h;
        h.producerGroup = "PG";
        h.tranStateTableOffset = half.queue_offset;
        h.commitLogOffset = half.commit_log_offset;
        h.commitOrRollback = verdict;
        h.fromTransactionCheck = false;
        h.msgId = "U";
        auto r = RemotingCommand::request(proto::to_int(RequestCode::END_TRANSACTION));
        r.set_header(h);
        return bench.run(broker::handle_end_transaction(broker, bench.request_context(), r));
    };

    SECTION("commit: the message appears in its real topic and queue") {
        auto answer = end(proto::msg_sys_flag::kTransactionCommitType);
        REQUIRE(answer);
        CHECK(answer->code == kSuccess);
        auto pulled = bench.run(broker::handle_pull_message(
            broker, bench.request_context(), test::pull_request(pull_of("Orders", 0, 5000))));
        REQUIRE(pulled.code == kSuccess);
        auto messages = messages_of(pulled);
        REQUIRE(messages.size() == 1);
        CHECK(messages[0].body == "tx");
    }
    SECTION("rollback: answered, and the real topic stays empty") {
        auto answer = end(proto::msg_sys_flag::kTransactionRollbackType);
        REQUIRE(answer);
        CHECK(answer->code == kSuccess);
        auto pulled = bench.run(broker::handle_pull_message(
            broker, bench.request_context(), test::pull_request(pull_of("Orders", 0, 200))));
        CHECK(pulled.code == proto::to_int(ResponseCode::PULL_NOT_FOUND));
    }
    SECTION("an unknown verdict gets no answer, as in Java") {
        CHECK_FALSE(end(proto::msg_sys_flag::kTransactionNotType));
    }
    SECTION("a wrong producer group is refused with Java's remark") {
        proto::EndTransactionRequestHeader h;
        h.producerGroup = "Other";
        h.tranStateTableOffset = half.queue_offset;
        h.commitLogOffset = half.commit_log_offset;
        h.commitOrRollback = proto::msg_sys_flag::kTransactionCommitType;
        h.msgId = "U";
        auto r = RemotingCommand::request(proto::to_int(RequestCode::END_TRANSACTION));
        r.set_header(h);
        auto answer = bench.run(broker::handle_end_transaction(broker, bench.request_context(), r));
        REQUIRE(answer);
        CHECK(answer->code == proto::to_int(ResponseCode::SYSTEM_ERROR));
        CHECK(answer->remark.value_or("") == "The producer group wrong");
    }
}
