#pragma once
// The pure rules of delayed delivery (ScheduleMessageService, spec/behaviours.md §2.9), kept apart
// from the service's timers so they can be tested alone.
#include <cstdint>
#include <string>

#include "common/error.hpp"
#include "message/message.hpp"

namespace rmq::broker {

/// correctDeliverTimestamp: a deliver time further ahead than the level's whole delay can only
/// come from a clock that went back since the message was stored; such a message is due now
/// rather than held for as long as the clock jumped.
int64_t corrected_deliver_time(int64_t now_ms, int64_t deliver_ms, int64_t level_delay_ms);

/// correctDelayOffset: a saved offset outside the queue's [min, max] (files expired, or a queue
/// rebuilt shorter) restarts at the nearest end.
int64_t clamp_delay_offset(int64_t offset, int64_t min_offset, int64_t max_offset);

/// messageTimeup: the message a due SCHEDULE_TOPIC_XXXX record becomes — topic REAL_TOPIC, queue
/// REAL_QID, body, flag, sysFlag, born and store hosts, born time and reconsume times kept, and
/// the properties as stored (DELAY, REAL_TOPIC, REAL_QID, WAIT remain, as Java's record keeps
/// them). An error (logged, the entry skipped) when the record names no usable real queue or its
/// real topic is the transaction half topic.
common::Result<message::MessageExt> due_message(message::MessageExt scheduled);

}  // namespace rmq::broker
