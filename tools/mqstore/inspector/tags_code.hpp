#pragma once
// The consume-queue tags code the dispatcher writes for a record (spec/store-format.md §3.2).
#include <cstdint>

#include "message/record.hpp"
#include "store/delay_levels.hpp"

namespace rmq::mqstore {

/// Java's ConsumeQueue.isExtAddr: such a code points into consumequeue_ext/, which the
/// inspector does not read, so it cannot be checked.
inline bool is_ext_address(int64_t tags_code) {
    return tags_code <= static_cast<int64_t>(INT32_MIN) - 1;
}

/// String.hashCode(TAGS), 0 without tags; for SCHEDULE_TOPIC_XXXX with DELAY > 0 the delivery
/// time (store time + the level's delay).
int64_t expected_tags_code(const message::RecordView& record, const store::DelayLevels& levels);

}  // namespace rmq::mqstore
