#include "send/send_busy.hpp"

#include "catch.hpp"

using namespace rmq::broker;
using namespace std::chrono_literals;

TEST_CASE("sends are refused SYSTEM_BUSY once the append queue has waited too long") {
    CHECK_FALSE(send_busy_refusal(true, 0ms, 0, 200));
    CHECK_FALSE(send_busy_refusal(true, 200ms, 5, 200));
    CHECK(send_busy_refusal(true, 350ms, 12, 200)
          == "[TIMEOUT_CLEAN_QUEUE]broker busy, start flow control for a while, period in queue: "
             "350ms, size of queue: 12");
    CHECK_FALSE(send_busy_refusal(false, 5000ms, 12, 200));  // brokerFastFailureEnable=false
}
