#include "timer/timer_rules.hpp"

#include <charconv>

#include "message/property_keys.hpp"
#include "proto/response_code.hpp"

namespace rmq::broker::timer {

namespace {

namespace prop = message::prop;

bool parse_long(std::string_view text, int64_t& out) {
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc() && end == text.data() + text.size();
}

TimerRefusal illegal(std::string remark) {
    return {proto::to_int(proto::ResponseCode::MESSAGE_ILLEGAL), std::move(remark)};
}

}  // namespace

TimerDecision decide_timer(const message::MessageExt& msg, int64_t now_ms,
                           const TimerSettings& settings) {
    const struct {
        std::string_view key;
        int64_t scale;  // ms per unit; 0: an absolute time
    } sources[] = {
        {prop::kTimerDelaySec, 1000}, {prop::kTimerDelayMs, 1}, {prop::kTimerDeliverMs, 0}};
    for (const auto& source : sources) {
        if (!msg.properties.contains(source.key)) continue;
        if (!settings.enabled)
            return TimerRefusal{proto::to_int(proto::ResponseCode::SYSTEM_ERROR),
                                "accurate timer message is not enabled, timerWheelEnable is false"};
        const auto text = msg.properties.get(source.key);
        int64_t value = 0;
        if (!parse_long(text, value))
            return illegal("timer message illegal, " + std::string(source.key)
                           + " is not a number: " + std::string(text));
        const int64_t max_delay_ms = settings.max_delay_sec * 1000;
        // A delay beyond the limit, even one that would overflow, is refused.
        if (source.scale > 0 && value > max_delay_ms / source.scale)
            value = max_delay_ms / source.scale + 1;
        const int64_t deliver_ms = source.scale > 0 ? now_ms + value * source.scale : value;
        if (deliver_ms <= now_ms) return NotParked{};
        if (deliver_ms - now_ms > max_delay_ms)
            return illegal("timer message illegal, the delay time should not be bigger than the max "
                           "delay " + std::to_string(max_delay_ms)
                           + "ms; or if set del msg, the delay time should be bigger than the "
                             "current time");
        return ParkUntil{deliver_ms};
    }
    return NotParked{};
}

void park(message::MessageExt& msg, int64_t deliver_ms) {
    msg.properties.set(prop::kTimerOutMs, std::to_string(deliver_ms));
    msg.properties.set(prop::kRealTopic, msg.topic);
    msg.properties.set(prop::kRealQueueId, std::to_string(msg.queue_id));
    msg.properties.erase(prop::kDelay);
    msg.topic = std::string(kTimerTopic);
    msg.queue_id = 0;
}

}  // namespace rmq::broker::timer
