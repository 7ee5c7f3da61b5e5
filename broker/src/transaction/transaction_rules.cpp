#include "transaction/transaction_rules.hpp"

#include <algorithm>
#include <charconv>

#include "common/log.hpp"
#include "core/stored_copy.hpp"
#include "message/property_keys.hpp"
#include "message/record.hpp"
#include "metadata/topic_validator.hpp"
#include "proto/flags.hpp"

namespace rmq::broker {

namespace {

namespace prop = message::prop;
namespace sys = proto::msg_sys_flag;

template <typename T>
std::optional<T> parse_number(std::string_view text) {
    T value{};
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return value;
}

bool equals_ignore_case(std::string_view a, std::string_view b) {
    return std::ranges::equal(a, b, [](char x, char y) {
        return std::tolower(static_cast<unsigned char>(x))
               == std::tolower(static_cast<unsigned char>(y));
    });
}

int32_t with_transaction_type(int32_t sys_flag, int32_t type) {
    return (sys_flag & ~sys::kTransactionMask) | type;
}

/// stored_copy for a record the caller keeps.
message::MessageExt record_copy(const message::MessageExt& stored, std::string_view topic,
                                int32_t queue_id) {
    return stored_copy(stored, std::string(topic), queue_id);
}

}  // namespace

bool is_transaction_prepared(const message::Message& msg) {
    return equals_ignore_case(msg.property(prop::kTransactionPrepared), "true");
}

message::MessageExt half_message(message::MessageExt msg) {
    msg.set_property(prop::kRealTopic, msg.topic);
    msg.set_property(prop::kRealQueueId, std::to_string(msg.queue_id));
    msg.sys_flag = with_transaction_type(msg.sys_flag, sys::kTransactionNotType);
    msg.topic = std::string(kTransHalfTopic);
    msg.queue_id = 0;
    return msg;
}

proto::Result<void> check_end_transaction_matches(const proto::EndTransactionRequestHeader& header,
                                                  const message::MessageExt& half) {
    const auto refuse = [](const char* remark) {
        return proto::ProtocolError{proto::to_int(proto::ResponseCode::SYSTEM_ERROR), remark};
    };
    if (half.property(prop::kProducerGroup) != header.producerGroup)
        return refuse("The producer group wrong");
    if (half.queue_offset != header.tranStateTableOffset)
        return refuse("The transaction state table offset wrong");
    if (half.commit_log_offset != header.commitLogOffset)
        return refuse("The commit log offset wrong");
    return {};
}

std::optional<message::MessageExt> committed_message(message::MessageExt half) {
    const std::string real_topic(half.property(prop::kRealTopic));
    const auto queue_id = parse_number<int32_t>(half.property(prop::kRealQueueId));
    if (real_topic.empty() || !queue_id || *queue_id < 0) return std::nullopt;
    const int64_t half_offset = half.commit_log_offset;
    auto msg = record_copy(half, real_topic, *queue_id);
    msg.sys_flag = with_transaction_type(half.sys_flag, sys::kTransactionCommitType);
    msg.prepared_transaction_offset = half_offset;
    return msg;
}

message::MessageExt op_message(int64_t half_queue_offset, int32_t queue_id, int64_t now_ms,
                               const message::HostAddress& store_host) {
    message::MessageExt op;
    op.topic = std::string(kTransOpHalfTopic);
    op.queue_id = queue_id;
    op.body = std::to_string(half_queue_offset);
    // new Message(topic, "d", body) stores WAIT then TAGS (the order the vectors show).
    op.set_property(prop::kWait, "true");
    op.set_property(prop::kTags, kRemoveTag);
    op.born_timestamp = now_ms;
    op.born_host = store_host;
    op.store_host = store_host;
    return op;
}

std::optional<int64_t> parse_offset(std::string_view text) {
    return parse_number<int64_t>(text);
}

std::optional<int64_t> op_half_offset(const message::MessageExt& op) {
    return parse_offset(op.body);
}

CheckCount next_check(const message::Message& msg, int32_t check_max) {
    const std::string_view text = msg.property(prop::kTransactionCheckTimes);
    if (text.empty()) return {false, 1};
    const int32_t times = parse_number<int32_t>(text).value_or(-1);
    if (times >= check_max) return {true, times};
    return {false, times + 1};
}

Immunity immunity_of(const message::Message& msg, int64_t transaction_timeout_ms) {
    const std::string_view text = msg.property(prop::kCheckImmunityTimeInSeconds);
    if (text.empty()) return {transaction_timeout_ms, false};
    // getImmunityTime: a value that does not parse falls back to transactionTimeOut.
    const int64_t seconds = parse_number<int64_t>(text).value_or(-1);
    return {seconds == -1 ? transaction_timeout_ms : seconds * 1000, true};
}

message::MessageExt half_copy(const message::MessageExt& half) {
    // renewHalfMessageInner copies neither the flag nor the reconsume count: the copy has 0s.
    auto copy = record_copy(half, kTransHalfTopic, 0);
    copy.flag = 0;
    copy.reconsume_times = 0;
    return copy;
}

message::MessageExt discarded_message(const message::MessageExt& half) {
    return record_copy(half, kTransCheckMaxTimeTopic, 0);
}

std::string check_request_body(const message::MessageExt& half) {
    message::MessageExt shown = half;
    // Java's copy shares the half message's property map and then sets WAIT=false in it, so the
    // check shows WAIT=false while the stored copy kept WAIT=true (vectors/frames/0319).
    shown.set_property(prop::kWait, "false");
    shown.topic = std::string(half.property(prop::kRealTopic));
    shown.queue_id = parse_number<int32_t>(half.property(prop::kRealQueueId)).value_or(0);
    std::string out;
    if (auto r = message::encode_record(shown, out); !r) {
        log::warn("transaction", "cannot encode the half message at "
                                     + std::to_string(half.commit_log_offset) + " for a check");
        out.clear();
    }
    return out;
}

int64_t next_op_offset(std::vector<int64_t> done, int64_t op_offset) {
    std::ranges::sort(done);
    for (int64_t offset : done) {
        if (offset != op_offset) break;
        ++op_offset;
    }
    return op_offset;
}

}  // namespace rmq::broker
