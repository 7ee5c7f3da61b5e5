#include "core/message_codec.hpp"

#include "core/errors.hpp"
#include "message/compression.hpp"
#include "message/properties.hpp"
#include "message/record_reader.hpp"

namespace rocketmq::detail {

namespace msg = rmq::message;

std::string encode_properties(const Properties& properties) {
    std::string out;
    for (const auto& [key, value] : properties) {
        out += key;
        out += msg::kNameValueSeparator;
        out += value;
        out += msg::kPropertySeparator;
    }
    return out;
}

namespace {

Result<ReceivedMessage> to_received(const msg::RecordView& record, const std::string& broker_name) {
    ReceivedMessage m;
    m.topic = std::string(record.topic);
    m.flag = record.flag;
    auto body = msg::decompress_body(std::span<const char>(record.body.data(), record.body.size()),
                                     record.sys_flag);
    if (!body)
        return make_error(ErrorKind::bad_response,
                          "cannot inflate the body of the message at commit-log offset "
                              + std::to_string(record.commit_log_offset) + ": "
                              + body.error().message);
    m.body = std::move(*body);
    msg::for_each_property(record.properties,
                           [&](std::string_view k, std::string_view v) { m.set_property(k, v); });
    m.offset_msg_id = record.offset_msg_id();
    const auto uniq = m.unique_key();
    m.msg_id = uniq.empty() ? m.offset_msg_id : std::string(uniq);
    m.broker_name = broker_name;
    m.queue_id = record.queue_id;
    m.queue_offset = record.queue_offset;
    m.commit_log_offset = record.commit_log_offset;
    m.store_size = record.store_size;
    m.body_crc = record.body_crc;
    m.sys_flag = record.sys_flag;
    m.born_timestamp = record.born_timestamp;
    m.store_timestamp = record.store_timestamp;
    m.born_host = record.born_host.to_string();
    m.store_host = record.store_host.to_string();
    m.reconsume_times = record.reconsume_times;
    m.prepared_transaction_offset = record.prepared_transaction_offset;
    return m;
}

}  // namespace

std::vector<ReceivedMessage> decode_received(std::span<const char> body,
                                             const std::string& broker_name, std::string* error) {
    std::vector<ReceivedMessage> out;
    msg::RecordReader reader(body);
    for (const msg::RecordView& record : reader) {
        auto m = to_received(record, broker_name);
        if (!m) {
            if (error) *error = m.error().reason;
            return out;
        }
        out.push_back(std::move(*m));
    }
    if (reader.error() && error) *error = reader.error()->message;
    return out;
}

Result<ReceivedMessage> decode_one_received(std::span<const char> body) {
    auto record = msg::decode_record_view(body);
    if (!record.is_message())
        return make_error(ErrorKind::bad_response,
                          record.is_error()
                              ? "undecodable message record: " + record.error().message
                              : "a blank record where a message was expected");
    return to_received(record.record(), {});
}

rmq::body::MessageQueue to_body(const MessageQueue& queue) {
    return {queue.topic, queue.broker_name, queue.queue_id};
}

MessageQueue from_body(const rmq::body::MessageQueue& queue) {
    return {queue.topic, queue.broker_name, queue.queue_id};
}

}  // namespace rocketmq::detail
