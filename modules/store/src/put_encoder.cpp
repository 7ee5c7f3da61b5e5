#include "put_encoder.hpp"

#include <charconv>

#include "message/checksum.hpp"
#include "message/properties.hpp"
#include "message/property_keys.hpp"
#include "message/record.hpp"
#include "proto/flags.hpp"

namespace rmq::store {
namespace {

namespace prop = message::prop;
using Encoded = common::Expected<EncodedPut, Rejection>;

constexpr size_t kMaxTopicLength = 127;  // Byte.MAX_VALUE: the v1 record's 1-byte length
constexpr size_t kMaxPropertiesLength = 32767;
// The encoder's buffer holds a body of maxMessageSize plus this much for the rest of the record.
constexpr int64_t kRecordOverhead = 64 * 1024;

std::optional<Rejection> check(const message::MessageExt& msg, const StoreConfig& config) {
    if (msg.topic.empty() || msg.topic.size() > kMaxTopicLength)
        return Rejection{PutMessageStatus::message_illegal,
                         "topic length " + std::to_string(msg.topic.size()) + " is outside 1.."
                             + std::to_string(kMaxTopicLength)};
    // The topic names a directory under consumequeue/.
    if (msg.topic == "." || msg.topic == ".."
        || msg.topic.find_first_of(std::string_view("/\0", 2)) != std::string::npos)
        return Rejection{PutMessageStatus::message_illegal,
                         "topic \"" + msg.topic + "\" is not a valid name"};
    if (msg.queue_id < 0)
        return Rejection{PutMessageStatus::message_illegal,
                         "queue id " + std::to_string(msg.queue_id) + " is negative"};
    const size_t properties = message::encoded_properties_size(msg.properties);
    if (properties > kMaxPropertiesLength)
        return Rejection{PutMessageStatus::properties_size_exceeded,
                         "properties of " + std::to_string(properties) + " bytes exceed "
                             + std::to_string(kMaxPropertiesLength)};
    if (static_cast<int64_t>(msg.body.size()) > config.max_message_size)
        return Rejection{PutMessageStatus::message_illegal,
                         "message body of " + std::to_string(msg.body.size())
                             + " bytes exceeds maxMessageSize "
                             + std::to_string(config.max_message_size)};
    return std::nullopt;
}

void reroute_delayed(message::MessageExt& msg, const DelayLevels& levels) {
    const int32_t tran = msg.sys_flag & proto::msg_sys_flag::kTransactionMask;
    if (tran != proto::msg_sys_flag::kTransactionNotType
        && tran != proto::msg_sys_flag::kTransactionCommitType)
        return;
    const auto text = msg.properties.get(prop::kDelay);
    int32_t level = 0;
    auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), level);
    if (ec != std::errc() || p != text.data() + text.size() || level <= 0) return;
    if (level > levels.max_level()) {
        level = levels.max_level();
        msg.properties.set(prop::kDelay, std::to_string(level));
    }
    msg.properties.set(prop::kRealTopic, msg.topic);
    msg.properties.set(prop::kRealQueueId, std::to_string(msg.queue_id));
    msg.topic = std::string(kScheduleTopic);
    msg.queue_id = level - 1;
}

size_t store_timestamp_pos(const message::MessageExt& msg) {
    return message::record_pos::kBornHost + msg.born_host.ip.size() + 4;
}

std::optional<Rejection> append_record(message::MessageExt& msg, EncodedPut& put,
                                       const StoreConfig& config) {
    msg.body_crc = message::body_crc(msg.body);
    msg.magic = message::kMagicV1;
    put.record_starts.push_back(static_cast<uint32_t>(put.bytes.size()));
    auto size = message::encode_record(msg, put.bytes);
    if (!size) return Rejection{PutMessageStatus::message_illegal, size.error().message};
    if (static_cast<int64_t>(*size) > config.max_message_size + kRecordOverhead)
        return Rejection{PutMessageStatus::message_illegal,
                         "message record of " + std::to_string(*size) + " bytes is too large"};
    return std::nullopt;
}

}  // namespace

Encoded encode_put(message::MessageExt& msg, const StoreConfig& config,
                   const DelayLevels* delay_levels) {
    if (auto rejected = check(msg, config)) return *rejected;
    if (delay_levels) reroute_delayed(msg, *delay_levels);
    EncodedPut put;
    put.queue_key = msg.topic + "-" + std::to_string(msg.queue_id);
    put.tran_type = msg.sys_flag & proto::msg_sys_flag::kTransactionMask;
    put.store_timestamp_pos = store_timestamp_pos(msg);
    put.store_host = msg.store_host;
    if (auto rejected = append_record(msg, put, config)) return *rejected;
    return put;
}

Encoded encode_batch_put(std::vector<message::MessageExt>& batch, const StoreConfig& config) {
    if (batch.empty()) return Rejection{PutMessageStatus::message_illegal, "empty batch"};
    const auto& first = batch.front();
    EncodedPut put;
    put.queue_key = first.topic + "-" + std::to_string(first.queue_id);
    put.tran_type = proto::msg_sys_flag::kTransactionNotType;
    put.store_timestamp_pos = store_timestamp_pos(first);
    put.store_host = first.store_host;
    int64_t total_body = 0;
    for (auto& msg : batch) {
        if (auto rejected = check(msg, config)) return *rejected;
        if (msg.topic != first.topic || msg.queue_id != first.queue_id
            || msg.born_host.ip.size() != first.born_host.ip.size()
            || msg.store_host != first.store_host)
            return Rejection{PutMessageStatus::message_illegal,
                             "the messages of a batch must share topic, queue and hosts"};
        if ((msg.sys_flag & proto::msg_sys_flag::kTransactionMask) != 0)
            return Rejection{PutMessageStatus::message_illegal, "a batch cannot be transactional"};
        total_body += static_cast<int64_t>(msg.body.size());
        if (auto rejected = append_record(msg, put, config)) return *rejected;
    }
    if (total_body > config.max_message_size)
        return Rejection{
            PutMessageStatus::message_illegal,
            "batch bodies of " + std::to_string(total_body) + " bytes exceed maxMessageSize"};
    return put;
}

}  // namespace rmq::store
