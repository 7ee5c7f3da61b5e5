#include "schedule/delayed_delivery.hpp"

#include <algorithm>
#include <charconv>

#include "core/broker_error.hpp"
#include "core/stored_copy.hpp"
#include "message/property_keys.hpp"
#include "metadata/topic_validator.hpp"

namespace rmq::broker {

int64_t corrected_deliver_time(int64_t now_ms, int64_t deliver_ms, int64_t level_delay_ms) {
    return deliver_ms > now_ms + level_delay_ms ? now_ms : deliver_ms;
}

int64_t clamp_delay_offset(int64_t offset, int64_t min_offset, int64_t max_offset) {
    return std::clamp(offset, min_offset, std::max(min_offset, max_offset));
}

common::Result<message::MessageExt> due_message(message::MessageExt scheduled) {
    namespace prop = message::prop;
    const std::string real_topic(scheduled.property(prop::kRealTopic));
    const std::string_view qid = scheduled.property(prop::kRealQueueId);
    int32_t queue_id = -1;
    auto [end, ec] = std::from_chars(qid.data(), qid.data() + qid.size(), queue_id);
    if (real_topic.empty() || ec != std::errc() || end != qid.data() + qid.size() || queue_id < 0)
        return common::Error{errc::no_real_queue, "no REAL_TOPIC/REAL_QID (\"" + real_topic
                                                      + "\", \"" + std::string(qid) + "\")"};
    if (real_topic == kTransHalfTopic)
        return common::Error{errc::forbidden_target,
                             "the real topic is " + real_topic + ", discarded"};
    return stored_copy(std::move(scheduled), real_topic, queue_id);
}

}  // namespace rmq::broker
