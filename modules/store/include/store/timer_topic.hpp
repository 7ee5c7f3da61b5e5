#pragma once
// Where the broker parks timer messages (RocketMQ 5's TimerMessageStore.TIMER_TOPIC). Its consume
// queue's tags code is the due time (TIMER_OUT_MS), as the schedule topic's is for delay levels.
#include <string_view>

namespace rmq::store {

inline constexpr std::string_view kTimerTopic = "rmq_sys_wheel_timer";

}  // namespace rmq::store
