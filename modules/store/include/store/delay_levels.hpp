#pragma once
// messageDelayLevel ("1s 5s 10s 30s 1m ... 2h"): level n (1-based) is the n-th delay
// (spec/behaviours.md §2.9). SCHEDULE_TOPIC_XXXX queue n-1 holds level n.
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace rmq::store {

inline constexpr std::string_view kScheduleTopic = "SCHEDULE_TOPIC_XXXX";

class DelayLevels {
  public:
    /// Units s, m, h, d; nullopt names nothing — the caller reports the bad setting.
    static std::optional<DelayLevels> parse(std::string_view text);

    int32_t max_level() const { return static_cast<int32_t>(delays_ms_.size()); }
    /// Delay of a level clamped to [1, max_level()].
    int64_t delay_ms(int32_t level) const;
    /// Consume-queue tags code of a scheduled message: its delivery time.
    int64_t deliver_time(int32_t level, int64_t store_timestamp) const {
        return store_timestamp + delay_ms(level);
    }

  private:
    std::vector<int64_t> delays_ms_;
};

}  // namespace rmq::store
