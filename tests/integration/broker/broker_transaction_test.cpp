// Transactional messages against an in-process broker (spec/behaviours.md §2.12): a prepared
// message waits invisibly in the half topic until END_TRANSACTION commits it (then it appears in
// its topic as Java writes it) or rolls it back; an unresolved one is checked with a producer of
// its group, whose answer completes it; one checked too often goes to TRANS_CHECK_MAX_TIME_TOPIC.
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_future.hpp>
#include <mutex>
#include <thread>

#include "catch.hpp"
#include "cluster_fixture.hpp"
#include "common/wall_clock.hpp"
#include "message/message_id.hpp"
#include "message/property_keys.hpp"
#include "message/record.hpp"
#include "message/record_reader.hpp"
#include "proto/flags.hpp"
#include "proto/response_code.hpp"
#include "pull_requests.hpp"
#include "send_helpers.hpp"

using namespace rmq;
using namespace std::chrono_literals;
using proto::RequestCode;
using proto::ResponseCode;
using remoting::RemotingCommand;
using test::Cluster;

namespace {

namespace prop = message::prop;
namespace sys = proto::msg_sys_flag;

constexpr std::string_view kHalfTopic = "RMQ_SYS_TRANS_HALF_TOPIC";
constexpr std::string_view kOpTopic = "RMQ_SYS_TRANS_OP_HALF_TOPIC";

/// A prepared message as a Java transactional producer of group TxGroup sends it.
RemotingCommand prepare_request(const std::string& body, int32_t queue_id = 1,
                                const std::string& extra_properties = "") {
    proto::SendMessageRequestHeaderV2 h;
    h.a = "TxGroup";
    h.b = "Orders";
    h.c = "TBW102";
    h.d = 4;
    h.e = queue_id;
    h.f = sys::kTransactionPreparedType;
    h.g = common::epoch_millis();  // the check service measures age from here
    h.h = 0;
    h.i = "TAGS\x01TagA\x02KEYS\x01k-" + body + "\x02UNIQ_KEY\x01U-" + body
          + "\x02TRAN_MSG\x01true\x02PGROUP\x01TxGroup\x02WAIT\x01true" + extra_properties;
    auto r = RemotingCommand::request(proto::to_int(RequestCode::SEND_MESSAGE_V2));
    r.set_header(h);
    r.body = body;
    return r;
}

struct Prepared {
    int64_t queue_offset = 0;  // in the half queue
    int64_t commit_log_offset = 0;
};

Prepared prepare(Cluster& c, const std::string& body, int32_t queue_id = 1,
                 const std::string& extra_properties = "") {
    auto r = c.call(c.broker->broker_addr(), prepare_request(body, queue_id, extra_properties));
    REQUIRE(r.code == 0);
    auto h = r.decode_header<proto::SendMessageResponseHeader>();
    REQUIRE(h);
    CHECK(h->queueId == queue_id);
    auto id = message::parse_offset_msg_id(h->msgId);
    REQUIRE(id);
    return {h->queueOffset, id->commit_log_offset};
}

RemotingCommand end_request(const Prepared& p, int32_t verdict, bool from_check = false,
                            const std::string& group = "TxGroup") {
    proto::EndTransactionRequestHeader h;
    h.producerGroup = group;
    h.tranStateTableOffset = p.queue_offset;
    h.commitLogOffset = p.commit_log_offset;
    h.commitOrRollback = verdict;
    h.fromTransactionCheck = from_check;
    h.msgId = "U";
    auto r = RemotingCommand::request(proto::to_int(RequestCode::END_TRANSACTION));
    r.set_header(h);
    return r;
}

std::optional<message::MessageExt> view(Cluster& c, int64_t commit_log_offset) {
    proto::ViewMessageRequestHeader h;
    h.offset = commit_log_offset;
    auto r = RemotingCommand::request(proto::to_int(RequestCode::VIEW_MESSAGE_BY_ID));
    r.set_header(h);
    auto response = c.call(c.broker->broker_addr(), std::move(r));
    if (response.code != 0) return std::nullopt;
    auto decoded = message::decode_record(std::span<const char>(response.body));
    if (!decoded.is_message()) return std::nullopt;
    return std::move(decoded).record();
}

std::vector<message::MessageExt> pull(Cluster& c, const std::string& topic, int32_t queue_id,
                                      const std::string& subscription = "*") {
    test::Pull p;
    p.topic = topic;
    p.queue_id = queue_id;
    p.subscription = subscription;
    auto r = c.call(c.broker->broker_addr(), test::pull_request(p));
    if (r.code != 0) return {};
    return message::decode_messages(std::span<const char>(r.body));
}

/// Polls `topic`/`queue_id` until it holds a message (or `limit` passes).
std::vector<message::MessageExt> pull_eventually(Cluster& c, const std::string& topic,
                                                 int32_t queue_id,
                                                 const std::string& subscription = "*",
                                                 std::chrono::milliseconds limit = 10s) {
    const auto until = std::chrono::steady_clock::now() + limit;
    for (;;) {
        auto found = pull(c, topic, queue_id, subscription);
        if (!found.empty() || std::chrono::steady_clock::now() > until) return found;
        std::this_thread::sleep_for(20ms);
    }
}

/// Polls for the record at `commit_log_offset` (the op an END_TRANSACTION writes lands after
/// its answer).
std::optional<message::MessageExt> view_eventually(Cluster& c, int64_t commit_log_offset) {
    const auto until = std::chrono::steady_clock::now() + 5s;
    for (;;) {
        auto found = view(c, commit_log_offset);
        if (found || std::chrono::steady_clock::now() > until) return found;
        std::this_thread::sleep_for(10ms);
    }
}

/// CID_RMQ_SYS_TRANS's progress in `topic` queue 0 (-1 when it has none).
int64_t check_progress(Cluster& c, std::string_view topic) {
    auto r = c.call(c.broker->broker_addr(),
                    test::query_offset_request("CID_RMQ_SYS_TRANS", std::string(topic), 0));
    if (r.code != 0) return -1;
    auto h = r.decode_header<proto::QueryConsumerOffsetResponseHeader>();
    return h ? h->offset : -1;
}

/// A producer of TxGroup on its own connection, recording the checks the broker sends it.
struct TxProducer {
    remoting::RemotingClient client;
    std::mutex mutex;
    std::vector<RemotingCommand> checks;

    explicit TxProducer(Cluster& c) {
        client.register_processor(proto::to_int(RequestCode::CHECK_TRANSACTION_STATE),
                                  [this](remoting::RequestContext&, RemotingCommand& request)
                                      -> boost::asio::awaitable<std::optional<RemotingCommand>> {
                                      std::lock_guard lock(mutex);
                                      checks.push_back(request);
                                      co_return std::nullopt;
                                  });
        test::HeartbeatSpec spec;
        spec.client_id = "127.0.0.1@tx";
        spec.topic.clear();
        spec.producer_group = "TxGroup";
        auto r = client.invoke_sync(c.broker->broker_addr(), test::heartbeat_request(spec), 5s);
        REQUIRE(r);
        REQUIRE(r->code == 0);
    }

    std::optional<RemotingCommand> wait_check(std::chrono::milliseconds limit = 10s) {
        const auto until = std::chrono::steady_clock::now() + limit;
        while (std::chrono::steady_clock::now() < until) {
            {
                std::lock_guard lock(mutex);
                if (!checks.empty()) return checks.front();
            }
            std::this_thread::sleep_for(10ms);
        }
        return std::nullopt;
    }

    /// As a Java producer answers: oneway.
    void send_oneway(const std::string& addr, RemotingCommand request) {
        auto sent = boost::asio::co_spawn(client.pool().next(),
                                          client.invoke_oneway(addr, std::move(request)),
                                          boost::asio::use_future);
        REQUIRE(sent.get());
    }
};

}  // namespace

TEST_CASE("a prepared message waits in the half topic, invisible to its own topic") {
    Cluster c;
    const auto p = prepare(c, "pending");
    CHECK(p.queue_offset == 0);
    const auto half = view_eventually(c, p.commit_log_offset);
    REQUIRE(half);
    CHECK(half->topic == kHalfTopic);
    CHECK(half->queue_id == 0);
    CHECK((half->sys_flag & sys::kTransactionMask) == sys::kTransactionNotType);
    CHECK(half->property(prop::kRealTopic) == "Orders");
    CHECK(half->property(prop::kRealQueueId) == "1");
    CHECK(half->property(prop::kTransactionPrepared) == "true");
    CHECK(half->property(prop::kProducerGroup) == "TxGroup");
    std::this_thread::sleep_for(100ms);
    CHECK(pull(c, "Orders", 1).empty());
}

TEST_CASE("commit puts the half message in its topic as Java does, then writes the delete op") {
    Cluster c;
    const auto p = prepare(c, "committed");
    const auto r = c.call(c.broker->broker_addr(), end_request(p, sys::kTransactionCommitType));
    REQUIRE(r.code == 0);

    // The tags code is recomputed: a TagA subscription finds it.
    auto found = pull_eventually(c, "Orders", 1, "TagA");
    REQUIRE(found.size() == 1);
    const auto& m = found[0];
    CHECK(m.body == "committed");
    CHECK((m.sys_flag & sys::kTransactionMask) == sys::kTransactionCommitType);
    CHECK(m.prepared_transaction_offset == p.commit_log_offset);
    CHECK(m.property(prop::kRealTopic) == "Orders");
    CHECK(m.property(prop::kTransactionPrepared) == "true");
    CHECK(m.property(prop::kProducerGroup) == "TxGroup");
    CHECK(m.property(prop::kUniqKey) == "U-committed");

    // The op follows the committed record: tags d, body the half offset.
    const auto op = view_eventually(c, m.commit_log_offset + m.store_size);
    REQUIRE(op);
    CHECK(op->topic == kOpTopic);
    CHECK(op->body == "0");
    CHECK(op->property(prop::kTags) == "d");
    CHECK(op->property(prop::kWait) == "true");
    CHECK(op->properties.size() == 2);
}

TEST_CASE("rollback writes only the delete op, and a oneway END_TRANSACTION is obeyed") {
    Cluster c;
    const auto p = prepare(c, "rolled");
    const auto half = view_eventually(c, p.commit_log_offset);
    REQUIRE(half);
    TxProducer producer(c);
    producer.send_oneway(c.broker->broker_addr(), end_request(p, sys::kTransactionRollbackType));
    const auto op = view_eventually(c, p.commit_log_offset + half->store_size);
    REQUIRE(op);
    CHECK(op->topic == kOpTopic);
    CHECK(op->body == "0");
    std::this_thread::sleep_for(100ms);
    CHECK(pull(c, "Orders", 1).empty());
}

TEST_CASE("END_TRANSACTION refusals carry Java's remarks, an unknown state gets no answer") {
    Cluster c;
    const auto p = prepare(c, "checked");
    const auto& addr = c.broker->broker_addr();

    auto r = c.call(addr, end_request({0, 123456789}, sys::kTransactionCommitType));
    CHECK(r.code == proto::to_int(ResponseCode::SYSTEM_ERROR));
    CHECK(r.remark == "Find prepared transaction message failed");
    r = c.call(addr, end_request(p, sys::kTransactionCommitType, false, "OtherGroup"));
    CHECK(r.code == proto::to_int(ResponseCode::SYSTEM_ERROR));
    CHECK(r.remark == "The producer group wrong");
    r = c.call(addr, end_request({p.queue_offset + 1, p.commit_log_offset},
                                 sys::kTransactionRollbackType));
    CHECK(r.code == proto::to_int(ResponseCode::SYSTEM_ERROR));
    CHECK(r.remark == "The transaction state table offset wrong");

    auto silent = c.client.invoke_sync(addr, end_request(p, sys::kTransactionNotType), 500ms);
    CHECK_FALSE(silent);
    const auto half = view(c, p.commit_log_offset);
    REQUIRE(half);
    CHECK_FALSE(view(c, p.commit_log_offset + half->store_size));  // no op
    CHECK(pull(c, "Orders", 1).empty());
}

TEST_CASE("rejectTransactionMessage refuses prepared messages with NO_PERMISSION") {
    Cluster c("rejectTransactionMessage=true\n");
    auto r = c.call(c.broker->broker_addr(), prepare_request("refused"));
    CHECK(r.code == proto::to_int(ResponseCode::NO_PERMISSION));
    CHECK(r.remark == "the broker[127.0.0.1] sending transaction message is forbidden");
}

TEST_CASE("an unresolved half message is checked with its producer, whose commit completes it") {
    Cluster c("transactionCheckInterval=300\ntransactionTimeOut=200\n");
    TxProducer producer(c);
    const auto p = prepare(c, "asked");

    auto check = producer.wait_check();
    REQUIRE(check);
    auto h = check->decode_header<proto::CheckTransactionStateRequestHeader>();
    REQUIRE(h);
    // The check names the re-appended copy, not the original.
    CHECK(h->tranStateTableOffset == p.queue_offset + 1);
    CHECK(h->commitLogOffset > p.commit_log_offset);
    CHECK(h->msgId == "U-asked");
    CHECK(h->transactionId == "U-asked");
    REQUIRE(h->offsetMsgId);
    auto id = message::parse_offset_msg_id(*h->offsetMsgId);
    REQUIRE(id);
    CHECK(id->commit_log_offset == h->commitLogOffset);
    auto shown = message::decode_record(std::span<const char>(check->body));
    REQUIRE(shown.is_message());
    CHECK(shown.record().topic == "Orders");
    CHECK(shown.record().queue_id == 1);
    CHECK(shown.record().property(prop::kTransactionCheckTimes) == "1");
    CHECK(shown.record().property(prop::kWait) == "false");

    producer.send_oneway(c.broker->broker_addr(),
                         end_request({h->tranStateTableOffset, h->commitLogOffset},
                                     sys::kTransactionCommitType, true));
    auto found = pull_eventually(c, "Orders", 1);
    REQUIRE(found.size() == 1);
    CHECK(found[0].body == "asked");
    CHECK(found[0].prepared_transaction_offset == h->commitLogOffset);

    // The next rounds see the copy resolved: the half and op progress move past both, under
    // CID_RMQ_SYS_TRANS, and the half topic got its config as Java's first round creates it.
    const auto until = std::chrono::steady_clock::now() + 10s;
    while (check_progress(c, kHalfTopic) < 2 && std::chrono::steady_clock::now() < until)
        std::this_thread::sleep_for(20ms);
    CHECK(check_progress(c, kHalfTopic) == 2);
    CHECK(check_progress(c, kOpTopic) == 1);
    auto half_topic = c.broker->topics().find(std::string(kHalfTopic));
    REQUIRE(half_topic);
    CHECK(half_topic->read_queue_nums == 1);
    CHECK(half_topic->perm == 6);
}

TEST_CASE("a half message checked transactionCheckMax times goes to TRANS_CHECK_MAX_TIME_TOPIC") {
    Cluster c("transactionCheckInterval=200\ntransactionTimeOut=100\ntransactionCheckMax=2\n");
    prepare(c, "abandoned");
    auto found = pull_eventually(c, "TRANS_CHECK_MAX_TIME_TOPIC", 0);
    REQUIRE(found.size() == 1);
    CHECK(found[0].body == "abandoned");
    CHECK(found[0].property(prop::kTransactionCheckTimes) == "2");
    CHECK(found[0].property(prop::kRealTopic) == "Orders");
    auto topic = c.broker->topics().find("TRANS_CHECK_MAX_TIME_TOPIC");
    REQUIRE(topic);
    CHECK(topic->read_queue_nums == 1);
    CHECK(pull(c, "Orders", 1).empty());
}

TEST_CASE("a half message and the check progress outlive a restart") {
    Cluster c("transactionCheckInterval=200\ntransactionTimeOut=100\n");
    const auto p = prepare(c, "durable");
    const auto until = std::chrono::steady_clock::now() + 10s;
    while (check_progress(c, kHalfTopic) < 1 && std::chrono::steady_clock::now() < until)
        std::this_thread::sleep_for(20ms);
    REQUIRE(check_progress(c, kHalfTopic) >= 1);
    c.start_broker();
    REQUIRE(c.broker->register_now() == 1);
    CHECK(check_progress(c, kHalfTopic) >= 1);  // written at shutdown
    // The original half record still answers END_TRANSACTION.

    const auto r = c.call(c.broker->broker_addr(), end_request(p, sys::kTransactionCommitType));
    REQUIRE(r.code == 0);
    auto found = pull_eventually(c, "Orders", 1);
    REQUIRE(found.size() == 1);
    CHECK(found[0].body == "durable");
}

TEST_CASE("a slave answers END_TRANSACTION with SLAVE_NOT_AVAILABLE") {
    Cluster c("brokerRole=SLAVE\nbrokerId=1\n");
    const auto r =
        c.call(c.broker->broker_addr(), end_request({0, 0}, sys::kTransactionCommitType));
    CHECK(r.code == proto::to_int(ResponseCode::SLAVE_NOT_AVAILABLE));
}

TEST_CASE("CHECK_IMMUNITY_TIME_IN_SECONDS holds the check back, copying the message meanwhile") {
    Cluster c("transactionCheckInterval=200\ntransactionTimeOut=100\n");
    TxProducer producer(c);
    const std::string immune = std::string("\x02") + "CHECK_IMMUNITY_TIME_IN_SECONDS\x01" + "1";
    const auto sent_at = std::chrono::steady_clock::now();
    const auto p = prepare(c, "immune", 1, immune);

    // Within the immunity each round appends a copy naming the original's half offset, and
    // asks nobody.
    REQUIRE(test::wait_for_max_offset(c, std::string(kHalfTopic), 0, 3) >= 3);
    {
        std::lock_guard lock(producer.mutex);
        if (std::chrono::steady_clock::now() - sent_at < 900ms) CHECK(producer.checks.empty());
    }
    auto check = producer.wait_check();
    REQUIRE(check);
    CHECK(std::chrono::steady_clock::now() - sent_at >= 900ms);
    auto h = check->decode_header<proto::CheckTransactionStateRequestHeader>();
    REQUIRE(h);
    CHECK(h->msgId == "U-immune");
    CHECK(h->tranStateTableOffset >= 2);
    auto shown = message::decode_record(std::span<const char>(check->body));
    REQUIRE(shown.is_message());
    CHECK(shown.record().property(prop::kTranPreparedQueueOffset)
          == std::to_string(p.queue_offset));
}
