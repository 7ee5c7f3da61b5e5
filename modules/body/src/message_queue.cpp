#include "body/message_queue.hpp"

#include "body/java_hash_order.hpp"
#include "json/write.hpp"
#include "reader.hpp"

namespace rmq::body {

json::Value MessageQueue::to_json() const {
    json::Value v;
    v.set("brokerName", broker_name);
    v.set("queueId", queue_id);
    v.set("topic", topic);
    return v;
}

std::string MessageQueue::encode() const {
    return json::write(to_json());
}

Result<MessageQueue> MessageQueue::from_json(const json::Value& value) {
    MessageQueue mq;
    auto read = detail::Reader(value, "message queue")
                    .read("brokerName", mq.broker_name)
                    .read("queueId", mq.queue_id)
                    .read("topic", mq.topic)
                    .result();
    if (!read) return read.error();
    return mq;
}

Result<MessageQueue> MessageQueue::decode(std::string_view text) {
    return detail::decode_as<MessageQueue>(text);
}

int32_t MessageQueue::java_hash_code() const {
    uint32_t h = 1;
    h = 31 * h + static_cast<uint32_t>(java_string_hash(broker_name));
    h = 31 * h + static_cast<uint32_t>(queue_id);
    h = 31 * h + static_cast<uint32_t>(java_string_hash(topic));
    return static_cast<int32_t>(h);
}

namespace {

Result<std::vector<MessageQueue>> queues_from(detail::Reader& reader, std::string_view name) {
    std::vector<MessageQueue> out;
    if (const json::Array* queues = reader.array(name)) {
        auto list = detail::list_from_json<MessageQueue>(*queues, name, MessageQueue::from_json);
        if (!list) return list.error();
        out = std::move(*list);
    }
    return out;
}

}  // namespace

json::Value LockBatchRequestBody::to_json() const {
    json::Value v;
    v.set("clientId", client_id);
    v.set("consumerGroup", consumer_group);
    v.set("mqSet", detail::list_to_json(mq_set));
    return v;
}

std::string LockBatchRequestBody::encode() const {
    return json::write(to_json());
}

Result<LockBatchRequestBody> LockBatchRequestBody::from_json(const json::Value& value) {
    LockBatchRequestBody b;
    detail::Reader reader(value, "lock batch request");
    reader.read("clientId", b.client_id).read("consumerGroup", b.consumer_group);
    auto queues = queues_from(reader, "mqSet");
    if (!queues) return queues.error();
    b.mq_set = std::move(*queues);
    if (auto r = reader.result(); !r) return r.error();
    return b;
}

Result<LockBatchRequestBody> LockBatchRequestBody::decode(std::string_view text) {
    return detail::decode_as<LockBatchRequestBody>(text);
}

json::Value LockBatchResponseBody::to_json() const {
    json::Value v;
    v.set("lockOKMQSet", detail::list_to_json(lock_ok_mq_set));
    return v;
}

std::string LockBatchResponseBody::encode() const {
    return json::write(to_json());
}

Result<LockBatchResponseBody> LockBatchResponseBody::from_json(const json::Value& value) {
    LockBatchResponseBody b;
    detail::Reader reader(value, "lock batch response");
    auto queues = queues_from(reader, "lockOKMQSet");
    if (!queues) return queues.error();
    b.lock_ok_mq_set = std::move(*queues);
    if (auto r = reader.result(); !r) return r.error();
    return b;
}

Result<LockBatchResponseBody> LockBatchResponseBody::decode(std::string_view text) {
    return detail::decode_as<LockBatchResponseBody>(text);
}

}  // namespace rmq::body
