#include "body/offset_moved_event.hpp"

#include "json/write.hpp"
#include "reader.hpp"

namespace rmq::body {

json::Value OffsetMovedEvent::to_json() const {
    json::Value v;
    v.set("consumerGroup", consumer_group);
    v.set("messageQueue", message_queue.to_json());
    v.set("offsetNew", offset_new);
    v.set("offsetRequest", offset_request);
    return v;
}

std::string OffsetMovedEvent::encode() const {
    return json::write(to_json());
}

Result<OffsetMovedEvent> OffsetMovedEvent::from_json(const json::Value& value) {
    OffsetMovedEvent e;
    detail::Reader reader(value, "offset moved event");
    reader.read("consumerGroup", e.consumer_group)
        .read("offsetNew", e.offset_new)
        .read("offsetRequest", e.offset_request);
    if (const json::Value* queue = reader.property("messageQueue"); queue && !queue->is_null()) {
        auto mq = MessageQueue::from_json(*queue);
        if (!mq) return mq.error();
        e.message_queue = std::move(*mq);
    }
    if (auto r = reader.result(); !r) return r.error();
    return e;
}

Result<OffsetMovedEvent> OffsetMovedEvent::decode(std::string_view text) {
    return detail::decode_as<OffsetMovedEvent>(text);
}

}  // namespace rmq::body
