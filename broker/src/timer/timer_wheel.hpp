#pragma once
// The near term of the timer store: a hashed timing wheel of one-millisecond slots over a window
// of 65,536 ms. A bitmap of the occupied slots finds the next due time in a few word scans, so
// the deliverer sleeps exactly until then. Timers further out than the window stay in the timer
// log until their time comes closer (timer_log.hpp).
#include <array>
#include <bit>
#include <cstdint>
#include <optional>
#include <vector>

namespace rmq::broker::timer {

/// Where a timer message is stored: its record in the timer topic.
struct TimerEntry {
    int64_t deliver_ms = 0;
    int64_t commit_log_offset = 0;
    int32_t size = 0;
};

class TimingWheel {
  public:
    static constexpr int64_t kSlots = 1 << 16;  // one per millisecond

    /// Slots before `now_ms` are never used: the wheel starts there.
    explicit TimingWheel(int64_t now_ms);

    /// The last millisecond a timer may be due in and still go into the wheel.
    int64_t horizon() const { return cursor_ + kSlots - 1; }
    /// Adds a timer due at or before horizon(); one already due goes into the current slot.
    /// False (nothing added) when it is due later.
    bool insert(const TimerEntry& entry);
    /// The earliest due time held, nullopt when empty.
    std::optional<int64_t> next_due() const;
    /// Every timer due at or before `now_ms`, earliest first; the wheel moves on to `now_ms`.
    std::vector<TimerEntry> take_due(int64_t now_ms);
    size_t size() const { return size_; }

  private:
    static size_t slot_of(int64_t ms) { return static_cast<size_t>(ms & (kSlots - 1)); }
    void mark(size_t slot) { occupied_[slot / 64] |= uint64_t{1} << (slot % 64); }
    void unmark(size_t slot) { occupied_[slot / 64] &= ~(uint64_t{1} << (slot % 64)); }
    /// The first occupied slot at or after `from` in wheel order (wrapping once), as a distance.
    std::optional<int64_t> distance_to_occupied(size_t from) const;

    int64_t cursor_;  // the earliest millisecond a slot may hold
    std::vector<std::vector<TimerEntry>> slots_;
    std::array<uint64_t, kSlots / 64> occupied_{};
    size_t size_ = 0;
};

}  // namespace rmq::broker::timer
