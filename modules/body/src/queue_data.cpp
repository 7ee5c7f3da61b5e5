#include "body/queue_data.hpp"

#include "json/write.hpp"
#include "reader.hpp"

namespace rmq::body {

json::Value QueueData::to_json() const {
    json::Value v;
    v.set("brokerName", broker_name);
    v.set("perm", perm);
    v.set("readQueueNums", read_queue_nums);
    v.set("topicSysFlag", topic_sys_flag);
    v.set("writeQueueNums", write_queue_nums);
    return v;
}

std::string QueueData::encode() const {
    return json::write(to_json());
}

Result<QueueData> QueueData::from_json(const json::Value& value) {
    QueueData q;
    auto read = detail::Reader(value, "queue data")
                    .read("brokerName", q.broker_name)
                    .read("perm", q.perm)
                    .read("readQueueNums", q.read_queue_nums)
                    .read("topicSynFlag", q.topic_sys_flag)
                    .read("topicSysFlag", q.topic_sys_flag)
                    .read("writeQueueNums", q.write_queue_nums)
                    .result();
    if (!read) return read.error();
    return q;
}

Result<QueueData> QueueData::decode(std::string_view text) {
    return detail::decode_as<QueueData>(text);
}

}  // namespace rmq::body
