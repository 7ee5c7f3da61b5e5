#include "transaction/transaction_check_service.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "common/log.hpp"
#include "common/wall_clock.hpp"
#include "message/property_keys.hpp"
#include "message/record.hpp"
#include "metadata/topic_validator.hpp"
#include "proto/headers.hpp"
#include "proto/request_code.hpp"
#include "remoting/connection.hpp"
#include "transaction/transaction_rules.hpp"

namespace rmq::broker {

namespace {

namespace asio = boost::asio;
namespace prop = message::prop;

// Java's MAX_PROCESS_TIME_LIMIT, MAX_RETRY_COUNT_WHEN_HALF_NULL and the op batch size.
constexpr int64_t kMaxRoundMillis = 60000;
constexpr int kMaxHalfMisses = 1;
constexpr size_t kOpBatch = 32;

}  // namespace

TransactionCheckService::TransactionCheckService(asio::any_io_executor pool,
                                                 store::MessageStore& store,
                                                 ConsumerOffsetManager& offsets, Hooks hooks)
    : store_(store),
      offsets_(offsets),
      hooks_(std::move(hooks)),
      runner_(std::move(pool), "broker") {
}

TransactionCheckService::~TransactionCheckService() {
    shutdown();
}

void TransactionCheckService::start() {
    if (stopping_ || started_.exchange(true)) return;
    runner_.spawn("transaction check", [this] { return run(); });
}

void TransactionCheckService::shutdown() {
    if (stopping_.exchange(true) || !started_) return;
    runner_.stop();
}

asio::awaitable<void> TransactionCheckService::run() {
    for (;;) {
        const TransactionCheckSettings settings = hooks_.settings();
        const std::chrono::milliseconds interval(std::max<int64_t>(1, settings.interval_ms));
        const bool awake = co_await service::ServiceRunner::sleep(interval);
        if (!awake || stopping_) co_return;
        // Java walks the half topic's read queues, creating its config (1 queue) if missing.
        const int32_t queues = hooks_.half_topic_queues();
        try {
            for (int32_t queue_id = 0; queue_id < queues && !stopping_; ++queue_id)
                co_await check_queue(queue_id, settings);
        } catch (const std::exception& e) {
            log::error("transaction", std::string("a check round failed: ") + e.what());
        }
        if (stopping_) co_return;
    }
}

int64_t TransactionCheckService::progress(std::string_view topic, int32_t queue_id) const {
    const int64_t first = store_.min_offset_in_queue(topic, queue_id);
    const auto stored = offsets_.query(topic, kTransactionGroup, queue_id);
    // An offset below the queue's first (expired files) starts at the first, as a pull would.
    return std::max(stored.value_or(first), first);
}

std::optional<message::MessageExt> TransactionCheckService::read_record(std::string_view topic,
                                                                        int32_t queue_id,
                                                                        int64_t offset) const {
    auto queue = store_.consume_queues().find(topic, queue_id);
    if (!queue) return std::nullopt;
    const auto units = queue->read_from(offset, 1);
    if (units.empty() || units[0].is_hole()) return std::nullopt;
    const store::CqUnit unit = units[0];
    auto bytes = store_.select_one_message_by_offset(unit.commit_log_offset, unit.size);
    if (!bytes) return std::nullopt;
    auto decoded = message::decode_record(bytes.bytes);
    if (!decoded.is_message()) return std::nullopt;
    return std::move(decoded).record();
}

void TransactionCheckService::read_ops(OpScan& scan, int32_t queue_id, int64_t from,
                                       int64_t half_progress) const {
    scan.last_batch.clear();
    scan.next_offset = from;
    const int64_t end = store_.max_offset_in_queue(kTransOpHalfTopic, queue_id);
    for (int64_t offset = from; offset < end && scan.last_batch.size() < kOpBatch; ++offset) {
        scan.next_offset = offset + 1;
        auto op = read_record(kTransOpHalfTopic, queue_id, offset);
        if (!op) continue;
        if (op->property(prop::kTags) != kRemoveTag) {
            log::warn("transaction", "op " + std::to_string(offset) + " is not a delete op");
            scan.last_batch.push_back(std::move(*op));
            continue;
        }
        const int64_t half_offset = op_half_offset(*op).value_or(-1);
        // An op for a half message behind the progress is only counted; one ahead marks it done.
        if (half_offset < half_progress)
            scan.done.push_back(op->queue_offset);
        else
            scan.removed[half_offset] = op->queue_offset;
        scan.last_batch.push_back(std::move(*op));
    }
}

asio::awaitable<void> TransactionCheckService::check_queue(
    int32_t queue_id, const TransactionCheckSettings& settings) {
    const int64_t started = common::epoch_millis();
    if (!store_.consume_queues().find(kTransHalfTopic, queue_id)) co_return;
    const int64_t half_progress = progress(kTransHalfTopic, queue_id);
    const int64_t op_progress = progress(kTransOpHalfTopic, queue_id);

    OpScan scan;
    read_ops(scan, queue_id, op_progress, half_progress);
    int misses = 0;
    int64_t next = half_progress;
    for (int64_t i = half_progress;;) {
        const int64_t now = common::epoch_millis();
        if (stopping_ || now - started > kMaxRoundMillis) break;
        if (auto done = scan.removed.find(i); done != scan.removed.end()) {
            scan.done.push_back(done->second);
            scan.removed.erase(done);
            next = ++i;
            continue;
        }
        // The end is read before the record: one dispatched between a failed read and a later
        // look at the end would otherwise be taken for a gap and skipped for good.
        const int64_t end = store_.max_offset_in_queue(kTransHalfTopic, queue_id);
        if (i >= end) break;
        auto half = read_record(kTransHalfTopic, queue_id, i);
        if (!half) {
            // A gap (expired or unreadable record): skip it once.
            if (++misses > kMaxHalfMisses) break;
            i = std::max(i + 1, store_.min_offset_in_queue(kTransHalfTopic, queue_id));
            next = i;
            continue;
        }
        // needDiscard counts this check on the message before needSkip looks at its age, so a
        // message discarded for its age carries the count too.
        const CheckCount count = next_check(*half, settings.check_max);
        if (!count.discard)
            half->set_property(prop::kTransactionCheckTimes, std::to_string(count.times));
        if (count.discard || now - half->born_timestamp > settings.file_reserved_ms) {
            message::MessageExt given_up = std::move(*half);
            co_await discard(std::move(given_up));
            next = ++i;
            continue;
        }
        if (half->store_timestamp >= started) break;  // appended during this round

        const int64_t age = now - half->born_timestamp;
        const Immunity immunity = immunity_of(*half, settings.timeout_ms);
        if (immunity.explicit_property) {
            if (age < immunity.ms) {
                message::MessageExt held = *half;
                const bool re_put = co_await hold_immune(std::move(held), scan);
                if (re_put) {
                    next = ++i;
                    continue;
                }
            }
        } else if (age >= 0 && age < immunity.ms) {
            break;  // the rest are younger still
        }
        // Java checks only once every op of interest has been read: while the last op batch
        // holds anything, read on; an op born well after the round began also lets it check.
        const bool need_check =
            (scan.last_batch.empty() && age > immunity.ms)
            || (!scan.last_batch.empty()
                && scan.last_batch.back().born_timestamp - started > settings.timeout_ms)
            || age <= -1;
        if (!need_check) {
            const bool ops_exhausted = scan.last_batch.empty();
            const int64_t from = scan.next_offset;
            read_ops(scan, queue_id, from, half_progress);
            // Nothing more to learn this round (Java would spin here): the next round resumes.
            if (ops_exhausted && scan.last_batch.empty()) break;
            continue;
        }
        message::MessageExt checked = std::move(*half);
        if (!co_await recheck(std::move(checked))) continue;  // retried until the round ends
        next = ++i;
    }
    if (next != half_progress) offsets_.commit(kTransHalfTopic, kTransactionGroup, queue_id, next);
    const int64_t op_next = next_op_offset(scan.done, op_progress);
    if (op_next != op_progress)
        offsets_.commit(kTransOpHalfTopic, kTransactionGroup, queue_id, op_next);
}

asio::awaitable<bool> TransactionCheckService::recheck(message::MessageExt half) {
    message::MessageExt copy = half_copy(half);
    const store::PutOptions options{.reroute_delayed = false, .wait_for_flush = false};
    const auto put = co_await store_.put(std::move(copy), options);
    if (!put.ok()) {
        log::warn("transaction", "cannot append the half message at "
                                     + std::to_string(half.commit_log_offset) + " again ("
                                     + std::string(store::to_string(put.status)) + ")");
        co_return false;
    }
    send_check(half, put);
    co_return true;
}

asio::awaitable<bool> TransactionCheckService::hold_immune(message::MessageExt half, OpScan& scan) {
    const std::string_view prepared = half.property(prop::kTranPreparedQueueOffset);
    if (!prepared.empty()) {
        const int64_t original = parse_offset(prepared).value_or(-1);
        if (original == -1) co_return false;
        // The original half message was resolved: this copy is done too.
        if (auto done = scan.removed.find(original); done != scan.removed.end()) {
            scan.done.push_back(done->second);
            scan.removed.erase(done);
            co_return true;
        }
    } else {
        half.set_property(prop::kTranPreparedQueueOffset, std::to_string(half.queue_offset));
    }
    message::MessageExt copy = half_copy(half);
    // Java writes this copy's properties after setting WAIT=false in the map it shares.
    copy.set_property(prop::kWait, "false");
    const store::PutOptions options{.reroute_delayed = false, .wait_for_flush = false};
    const auto put = co_await store_.put(std::move(copy), options);
    co_return put.ok();
}

asio::awaitable<void> TransactionCheckService::discard(message::MessageExt half) {
    hooks_.ensure_discard_topic();
    message::MessageExt msg = discarded_message(half);
    const store::PutOptions options{.reroute_delayed = true, .wait_for_flush = false};
    const auto put = co_await store_.put(std::move(msg), options);
    if (!put.ok())
        log::warn("transaction", "the half message at " + std::to_string(half.commit_log_offset)
                                     + " was given up on but not stored in "
                                     + std::string(kTransCheckMaxTimeTopic));
}

void TransactionCheckService::send_check(const message::MessageExt& half,
                                         const store::PutMessageResult& put) {
    const std::string group(half.property(prop::kProducerGroup));
    auto connection = hooks_.producer(group);
    if (!connection) {
        log::warn("transaction", "no producer of group " + group + " to check half offset "
                                     + std::to_string(put.queue_offset) + " with");
        return;
    }
    // The producer answers about the copy just appended: its offsets, not the original's.
    message::MessageExt copy = half;
    copy.queue_offset = put.queue_offset;
    copy.commit_log_offset = put.wrote_offset;
    proto::CheckTransactionStateRequestHeader header;
    header.tranStateTableOffset = put.queue_offset;
    header.commitLogOffset = put.wrote_offset;
    header.offsetMsgId = put.msg_id;
    const std::string uniq(half.property(prop::kUniqKey));
    header.msgId = uniq;
    header.transactionId = uniq;
    auto request = remoting::RemotingCommand::request(
        proto::to_int(proto::RequestCode::CHECK_TRANSACTION_STATE));
    request.set_header(header);
    request.body = check_request_body(copy);
    asio::co_spawn(
        connection->executor(),
        [connection, request = std::move(request)]() mutable -> asio::awaitable<void> {
            (void)co_await connection->send_oneway(std::move(request));
        },
        asio::detached);
}

}  // namespace rmq::broker
