#pragma once
// Busy protection for sends (BrokerFastFailure, spec/behaviours.md §2.15): when puts have waited
// in the append queue longer than waitTimeMillsInSendQueue, new sends are answered SYSTEM_BUSY at
// once, so producers retry on another broker instead of piling up behind a stalled disk.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace rmq::broker {

/// The SYSTEM_BUSY remark for a send arriving now, or nothing when it may proceed.
std::optional<std::string> send_busy_refusal(bool fast_failure_enable,
                                             std::chrono::milliseconds oldest_wait, size_t queued,
                                             int64_t wait_limit_ms);

}  // namespace rmq::broker
