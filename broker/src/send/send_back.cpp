#include "send/send_back.hpp"

#include <string>

#include "core/stored_copy.hpp"
#include "message/property_keys.hpp"
#include "metadata/topic_validator.hpp"

namespace rmq::broker {

std::string group_not_exist_remark(std::string_view group) {
    return "subscription group not exist, " + std::string(group)
           + " \nSee http://rocketmq.apache.org/docs/faq/ for further details.";
}

int32_t max_reconsume_times(int32_t request_version, std::optional<int32_t> header_value,
                            int32_t group_retry_max_times) {
    if (request_version >= kMaxReconsumeTimesVersion && header_value) return *header_value;
    return group_retry_max_times;
}

bool goes_to_dead_letter(int32_t reconsume_times, int32_t max_times, int32_t delay_level) {
    return reconsume_times >= max_times || delay_level < 0;
}

message::MessageExt send_back_message(message::MessageExt original, std::string_view group,
                                      bool dead_letter, int32_t delay_level, int32_t retry_queue) {
    namespace prop = message::prop;
    if (!original.properties.contains(prop::kRetryTopic))
        original.set_property(prop::kRetryTopic, original.topic);
    original.set_property(prop::kWait, "false");
    if (!dead_letter && delay_level == 0) delay_level = 3 + original.reconsume_times;
    original.set_property(prop::kDelay, std::to_string(dead_letter ? 0 : delay_level));
    // A message retried before keeps the id of the very first one.
    if (original.property(prop::kOriginMessageId).empty())
        original.set_property(prop::kOriginMessageId, original.offset_msg_id());

    std::string topic = std::string(dead_letter ? kDlqGroupTopicPrefix : kRetryGroupTopicPrefix)
                        + std::string(group);
    auto msg = stored_copy(std::move(original), std::move(topic), dead_letter ? 0 : retry_queue);
    msg.reconsume_times += 1;
    return msg;
}

}  // namespace rmq::broker
