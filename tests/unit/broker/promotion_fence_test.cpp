// PromotionFence: after a promotion, a group's first pull of a queue past the promoted log's end
// is moved back to it; everything else is served as asked.
#include "pull/promotion_fence.hpp"

#include "catch.hpp"

using rmq::broker::PromotionFence;

TEST_CASE("a promotion fence moves only a group's first pull past a queue's promoted end") {
    PromotionFence fence;
    CHECK_FALSE(fence.check("G", "T", 0, 100).has_value());  // not armed: no promotion
    fence.arm({{PromotionFence::queue_key("T", 0), 10}});
    CHECK(fence.check("G", "T", 0, 12) == 10);
    CHECK_FALSE(fence.check("G", "T", 0, 12).has_value());  // its next pull
    CHECK_FALSE(fence.check("H", "T", 0, 10).has_value());  // within the end
    CHECK(fence.check("H2", "T", 1, 3) == 0);               // a queue the log did not have
    // A new promotion starts again.
    fence.arm({{PromotionFence::queue_key("T", 0), 20}});
    CHECK(fence.check("G", "T", 0, 25) == 20);
}
