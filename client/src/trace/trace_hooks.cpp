#include "trace/trace_hooks.hpp"

#include "common/wall_clock.hpp"
#include "message/properties.hpp"
#include "message/property_keys.hpp"
#include "trace/trace_dispatcher.hpp"

namespace rocketmq::detail {

namespace prop = rmq::message::prop;

namespace {

/// What a message without MSG_REGION is traced under at the end of a transaction.
constexpr std::string_view kDefaultTraceRegion = "DefaultRegion";

TraceMessageType sent_type(std::string_view properties) {
    // Java checks the half-message flag first and lets a delay override it.
    TraceMessageType type = TraceMessageType::normal;
    if (rmq::message::find_property(properties, prop::kTransactionPrepared) == "true")
        type = TraceMessageType::transaction_half;
    if (!rmq::message::find_property(properties, prop::kStartDeliverTime).empty()
        || !rmq::message::find_property(properties, prop::kDelay).empty())
        type = TraceMessageType::delay;
    return type;
}

}  // namespace

std::optional<TraceRecord> pub_record(const Outgoing& out, std::string topic, std::string group,
                                      const std::string& broker_addr, const SendResult& result,
                                      int64_t started_ms) {
    if (!result.trace_on) return std::nullopt;
    TraceRecord r;
    r.type = TraceType::pub;
    r.timestamp = started_ms;
    r.cost_time = static_cast<int32_t>(rmq::common::epoch_millis() - started_ms);
    r.region_id = result.region_id;
    r.group = std::move(group);
    r.topic = std::move(topic);
    r.msg_id = result.msg_id;
    r.offset_msg_id = result.offset_msg_id;
    r.tags = rmq::message::find_property(out.properties, prop::kTags);
    r.keys = rmq::message::find_property(out.properties, prop::kKeys);
    r.store_host = broker_addr;
    r.body_length = static_cast<int32_t>(out.body ? out.body->size() : 0);
    r.msg_type = sent_type(out.properties);
    r.success = result.status == SendStatus::send_ok;
    return r;
}

TraceRecord end_transaction_record(const Message& message, const EndedTransaction& ended) {
    TraceRecord r;
    r.type = TraceType::end_transaction;
    r.timestamp = rmq::common::epoch_millis();
    const auto region = message.property(prop::kMsgRegion);
    r.region_id = region.empty() ? kDefaultTraceRegion : region;
    r.group = ended.group;
    r.topic = ended.topic;
    r.msg_id = ended.msg_id;
    r.tags = message.tags();
    r.keys = message.keys();
    r.store_host = ended.broker_addr;
    r.msg_type = TraceMessageType::transaction_commit;
    r.transaction_id = ended.msg_id;
    r.transaction_state = to_string(ended.state);
    r.from_transaction_check = ended.from_check;
    return r;
}

ConsumeTrace::ConsumeTrace(TraceDispatcher* dispatcher, std::string group,
                           std::span<const ReceivedMessage> batch)
    : dispatcher_(dispatcher), batch_size_(batch.size()) {
    if (!dispatcher_) return;
    started_ms_ = rmq::common::epoch_millis();
    const auto request_id = next_unique_key();
    // One region for the whole call, the last message's, as Java's hook does.
    std::string region;
    for (const auto& m : batch) {
        if (m.property(prop::kTraceSwitch) == "false") continue;
        region = m.property(prop::kMsgRegion);
        TraceRecord r;
        r.type = TraceType::sub_before;
        r.timestamp = started_ms_;
        r.group = group;
        r.request_id = request_id;
        r.msg_id = m.msg_id;
        r.keys = m.keys();
        r.retry_times = m.reconsume_times;
        traced_.push_back(std::move(r));
    }
    for (auto& r : traced_) {
        r.region_id = region;
        dispatcher_->append(r);
    }
}

void ConsumeTrace::finish(bool success, ConsumeReturn how) {
    if (!dispatcher_ || traced_.empty()) return;
    const auto now = rmq::common::epoch_millis();
    const auto cost = static_cast<int32_t>((now - started_ms_) / static_cast<int64_t>(batch_size_));
    for (auto& r : traced_) {
        r.type = TraceType::sub_after;
        r.timestamp = now;
        r.cost_time = cost;
        r.success = success;
        r.context_code = static_cast<int32_t>(how);
        dispatcher_->append(r);
    }
    traced_.clear();
}

}  // namespace rocketmq::detail
