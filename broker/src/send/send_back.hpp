#pragma once
// The pure rules of CONSUMER_SEND_MSG_BACK (spec/behaviours.md §2.10 steps 3–6): where a message
// a consumer failed goes next, and the record stored for it.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "message/message.hpp"

namespace rmq::broker {

/// The first request version (V3_4_9) whose maxReconsumeTimes header the broker honours.
inline constexpr int32_t kMaxReconsumeTimesVersion = 121;

/// SUBSCRIPTION_GROUP_NOT_EXIST's remark, as Java words it for a send-back and a %RETRY% send
/// (group, a space, then FAQUrl.suggestTodo's "\nSee … for further details.").
std::string group_not_exist_remark(std::string_view group);

/// The header's maxReconsumeTimes when the request is recent enough to mean it, else the group's
/// retryMaxTimes.
int32_t max_reconsume_times(int32_t request_version, std::optional<int32_t> header_value,
                            int32_t group_retry_max_times);

/// Past the retry limit, or a negative delay level (the consumer's "no more retries").
bool goes_to_dead_letter(int32_t reconsume_times, int32_t max_times, int32_t delay_level);

/// The message stored for `original` (decoded from the commit log): same body, flag, sysFlag,
/// born time and host, store host; reconsumeTimes + 1; RETRY_TOPIC (the original topic unless it
/// had one), WAIT=false, ORIGIN_MESSAGE_ID (the original's, else its offset msgId) and DELAY.
/// Retry: %RETRY%<group> queue `retry_queue`, DELAY = `delay_level`, or 3 + reconsumeTimes when 0
/// (the store parks it in SCHEDULE_TOPIC_XXXX until then). Dead letter: %DLQ%<group> queue 0,
/// DELAY=0 (stored at once).
message::MessageExt send_back_message(message::MessageExt original, std::string_view group,
                                      bool dead_letter, int32_t delay_level, int32_t retry_queue);

}  // namespace rmq::broker
