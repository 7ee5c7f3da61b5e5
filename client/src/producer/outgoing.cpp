#include "producer/outgoing.hpp"

#include <chrono>

#include "core/errors.hpp"
#include "core/message_codec.hpp"
#include "core/requests.hpp"
#include "message/batch.hpp"
#include "message/compression.hpp"
#include "message/message_id.hpp"
#include "proto/flags.hpp"
#include "proto/headers.hpp"
#include "proto/request_code.hpp"
#include "proto/response_code.hpp"

namespace rocketmq::detail {

namespace proto = rmq::proto;
using proto::ResponseCode;

namespace {

constexpr size_t kTopicMaxLength = 127;

Error invalid(std::string reason) {
    return make_error(ErrorKind::invalid_argument, std::move(reason));
}

int64_t now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

}  // namespace

std::string next_unique_key() {
    static rmq::message::UniqKeyGenerator generator;
    return generator.next();
}

Result<void> check_topic(const std::string& topic) {
    if (topic.empty()) return invalid("the specified topic is blank");
    if (topic.size() > kTopicMaxLength)
        return invalid("the specified topic is longer than topic max length (127)");
    for (char c : topic) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                        || c == '%' || c == '|' || c == '_' || c == '-';
        if (!ok)
            return invalid("the specified topic[" + topic
                           + "] contains illegal characters, allowing only ^[%|a-zA-Z0-9_-]+$");
    }
    if (topic == "SCHEDULE_TOPIC_XXXX" || topic == "RMQ_SYS_TRANS_HALF_TOPIC"
        || topic == "RMQ_SYS_TRANS_OP_HALF_TOPIC" || topic == "TRANS_CHECK_MAX_TIME_TOPIC")
        return invalid("sending message to topic[" + topic + "] is forbidden");
    return {};
}

Result<void> check_message(const Message& message, const ProducerOptions& options) {
    if (auto t = check_topic(message.topic); !t) return t;
    if (message.body.empty()) return invalid("the message body length is zero");
    if (message.body.size() > static_cast<size_t>(options.max_message_size))
        return invalid("the message body size " + std::to_string(message.body.size())
                       + " is over the max value " + std::to_string(options.max_message_size)
                       + " (max_message_size)");
    return {};
}

namespace {

/// A retry-topic message carries its reconsume count in the header, not its properties.
void take_retry_fields(Message& message, const std::string& topic, Outgoing& out) {
    if (!topic.starts_with("%RETRY%")) return;
    if (auto v = message.property("RECONSUME_TIME"); !v.empty()) {
        out.reconsume_times = std::stoi(std::string(v));
        message.erase_property("RECONSUME_TIME");
    }
    if (auto v = message.property("MAX_RECONSUME_TIMES"); !v.empty()) {
        out.max_reconsume_times = std::stoi(std::string(v));
        message.erase_property("MAX_RECONSUME_TIMES");
    }
}

}  // namespace

Outgoing prepare_single(Message& message, const std::string& topic, const ProducerOptions& options,
                        int32_t extra_sys_flag) {
    if (message.unique_key().empty()) message.set_property("UNIQ_KEY", next_unique_key());
    Outgoing out;
    out.topic = topic;
    out.flag = message.flag;
    out.sys_flag = extra_sys_flag;
    out.msg_id = std::string(message.unique_key());
    out.reply = message.property("MSG_TYPE") == "reply";
    take_retry_fields(message, topic, out);
    out.properties = encode_properties(message.properties());
    if (message.body.size() >= static_cast<size_t>(options.compress_msg_body_over_howmuch)) {
        out.body = std::make_shared<const std::string>(
            rmq::message::zlib_deflate(message.body, options.compress_level));
        out.sys_flag |= proto::msg_sys_flag::kCompressed;
    } else {
        out.body = std::make_shared<const std::string>(message.body);
    }
    return out;
}

Result<Outgoing> prepare_batch(std::vector<Message>& messages, const std::string& topic,
                               const ProducerOptions& options) {
    if (messages.empty()) return invalid("a batch needs at least one message");
    std::vector<rmq::message::Message> entries;
    entries.reserve(messages.size());
    Outgoing out;
    out.topic = topic;
    out.batch = true;
    for (auto& m : messages) {
        if (m.topic != messages.front().topic)
            return invalid("the topic of the messages in one batch should be the same");
        if (m.delay_level() > 0) return invalid("TimeDelayLevel is not supported for batching");
        if (m.topic.starts_with("%RETRY%"))
            return invalid("retry group is not supported for batching");
        if (auto checked = check_message(m, options); !checked) return checked.error();
        if (m.unique_key().empty()) m.set_property("UNIQ_KEY", next_unique_key());
        if (!out.msg_id.empty()) out.msg_id += ',';
        out.msg_id += m.unique_key();
        rmq::message::Message entry;
        entry.topic = topic;
        entry.flag = m.flag;
        entry.body = m.body;
        for (const auto& [k, v] : m.properties())
            entry.properties.set(k, v);
        entries.push_back(std::move(entry));
    }
    auto body = rmq::message::encode_batch(entries);
    if (!body) return invalid("cannot encode the batch: " + body.error().message);
    if (body->size() > static_cast<size_t>(options.max_message_size))
        return invalid("the batch is " + std::to_string(body->size())
                       + " bytes, over the max message size "
                       + std::to_string(options.max_message_size) + "; split it");
    out.body = std::make_shared<const std::string>(std::move(*body));
    // The batch itself carries WAIT and a UNIQ_KEY, as Java's MessageBatch does.
    Properties batch_properties;
    batch_properties.emplace_back("WAIT", messages.front().wait_store_msg_ok() ? "true" : "false");
    batch_properties.emplace_back("UNIQ_KEY", next_unique_key());
    out.properties = encode_properties(batch_properties);
    return out;
}

rmq::remoting::RemotingCommand send_request(const Outgoing& out, const MessageQueue& queue,
                                            const ProducerOptions& options, bool unit_mode) {
    proto::SendMessageRequestHeaderV2 h;
    h.a = options.group;
    h.b = out.topic;
    h.c = options.create_topic_key;
    h.d = options.default_topic_queue_nums;
    h.e = queue.queue_id;
    h.f = out.sys_flag;
    h.g = now_ms();
    h.h = out.flag;
    h.i = out.properties;
    h.j = out.reconsume_times;
    h.k = unit_mode;
    h.l = out.max_reconsume_times;
    h.m = out.batch;
    const auto code = out.batch   ? proto::RequestCode::SEND_BATCH_MESSAGE
                      : out.reply ? proto::RequestCode::SEND_REPLY_MESSAGE_V2
                                  : proto::RequestCode::SEND_MESSAGE_V2;
    auto request = make_request(proto::to_int(code), h);
    request.body_views.emplace_back(out.body->data(), out.body->size());
    request.body_owner = out.body;
    return request;
}

Result<SendResult> send_result(const rmq::remoting::RemotingCommand& response, const Outgoing& out,
                               const MessageQueue& queue, const std::string& broker_addr) {
    SendResult result;
    switch (response.code) {
        case proto::to_int(ResponseCode::SUCCESS):
            result.status = SendStatus::send_ok;
            break;
        case proto::to_int(ResponseCode::FLUSH_DISK_TIMEOUT):
            result.status = SendStatus::flush_disk_timeout;
            break;
        case proto::to_int(ResponseCode::FLUSH_SLAVE_TIMEOUT):
            result.status = SendStatus::flush_slave_timeout;
            break;
        case proto::to_int(ResponseCode::SLAVE_NOT_AVAILABLE):
            result.status = SendStatus::slave_not_available;
            break;
        default:
            return refused(response, "send to " + out.topic, broker_addr);
    }
    auto header = response.decode_header<proto::SendMessageResponseHeader>();
    if (!header)
        return make_error(ErrorKind::bad_response,
                          "undecodable send response: " + header.error().remark, broker_addr);
    result.msg_id = out.msg_id;
    result.offset_msg_id = header->msgId;
    result.queue = queue;
    result.queue.queue_id = header->queueId;
    result.queue_offset = header->queueOffset;
    result.transaction_id = header->transactionId.value_or("");
    result.region_id = header->msgRegion.value_or("DefaultRegion");
    result.trace_on = header->traceOn.value_or("true") != "false";
    return result;
}

}  // namespace rocketmq::detail
