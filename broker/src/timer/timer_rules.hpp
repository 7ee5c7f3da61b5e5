#pragma once
// The pure rules of timer messages at send time (RocketMQ 5's HookUtils.transformTimerMessage),
// kept apart from the service so they can be tested alone.
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

#include "message/message.hpp"
#include "store/timer_topic.hpp"

namespace rmq::broker::timer {

using store::kTimerTopic;  // queue 0 holds every waiting timer

struct TimerSettings {
    bool enabled = true;                    // timerWheelEnable
    int64_t max_delay_sec = 3 * 24 * 3600;  // timerMaxDelaySec
};

/// Not a timer message, or one due already: stored as it is, delivered at once.
struct NotParked {};
/// Parked until this epoch millisecond.
struct ParkUntil {
    int64_t deliver_ms = 0;
};
/// Refused: MESSAGE_ILLEGAL or SYSTEM_ERROR with this remark.
struct TimerRefusal {
    int32_t code = 0;
    std::string remark;
};
using TimerDecision = std::variant<NotParked, ParkUntil, TimerRefusal>;

/// TIMER_DELAY_SEC, else TIMER_DELAY_MS (both from `now_ms`), else TIMER_DELIVER_MS, as 5.x reads
/// them. A value that is not a whole number, or a due time more than max_delay_sec ahead, is
/// refused with MESSAGE_ILLEGAL; a timer on a broker with timers disabled with SYSTEM_ERROR.
TimerDecision decide_timer(const message::MessageExt& msg, int64_t now_ms,
                           const TimerSettings& settings);

/// The message as it waits: in kTimerTopic queue 0, with TIMER_OUT_MS, REAL_TOPIC and REAL_QID;
/// a delay level is dropped (the timer decides when).
void park(message::MessageExt& msg, int64_t deliver_ms);

}  // namespace rmq::broker::timer
