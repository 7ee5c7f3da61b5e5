#include "send/send_busy.hpp"

#include "catch.hpp"

using namespace rmq::broker;
using namespace std::chrono_literals;

TEST_CASE("sends are refused SYSTEM_BUSY once the append queue has waited too long") {
    CHECK(check_send_not_busy(true, 0ms, 0, 200).ok());
    CHECK(check_send_not_busy(true, 200ms, 5, 200).ok());
    const auto busy = check_send_not_busy(true, 350ms, 12, 200);
    REQUIRE_FALSE(busy.ok());
    CHECK(busy.error().code == rmq::proto::to_int(rmq::proto::ResponseCode::SYSTEM_BUSY));
    CHECK(busy.error().remark
          == "[TIMEOUT_CLEAN_QUEUE]broker busy, start flow control for a while, period in queue: "
             "350ms, size of queue: 12");
    CHECK(check_send_not_busy(false, 5000ms, 12, 200).ok());  // brokerFastFailureEnable=false
}
