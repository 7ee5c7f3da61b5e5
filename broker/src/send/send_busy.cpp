#include "send/send_busy.hpp"

namespace rmq::broker {

proto::Result<void> check_send_not_busy(bool fast_failure_enable,
                                        std::chrono::milliseconds oldest_wait, size_t queued,
                                        int64_t wait_limit_ms) {
    if (!fast_failure_enable || oldest_wait.count() <= wait_limit_ms) return {};
    return proto::ProtocolError{
        proto::to_int(proto::ResponseCode::SYSTEM_BUSY),
        "[TIMEOUT_CLEAN_QUEUE]broker busy, start flow control for a while, period in queue: "
            + std::to_string(oldest_wait.count()) + "ms, size of queue: " + std::to_string(queued)};
}

}  // namespace rmq::broker
