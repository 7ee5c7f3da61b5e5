#pragma once
// Busy protection for sends (BrokerFastFailure, spec/behaviours.md §2.15): when puts have waited
// in the append queue longer than waitTimeMillsInSendQueue, new sends are answered SYSTEM_BUSY at
// once, so producers retry on another broker instead of piling up behind a stalled disk.
#include <chrono>
#include <cstddef>
#include <cstdint>

#include "proto/protocol_error.hpp"

namespace rmq::broker {

/// Whether a send arriving now may proceed, or its SYSTEM_BUSY answer.
proto::Result<void> check_send_not_busy(bool fast_failure_enable,
                                        std::chrono::milliseconds oldest_wait, size_t queued,
                                        int64_t wait_limit_ms);

}  // namespace rmq::broker
