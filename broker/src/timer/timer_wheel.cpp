#include "timer/timer_wheel.hpp"

#include <algorithm>

namespace rmq::broker::timer {

TimingWheel::TimingWheel(int64_t now_ms) : cursor_(now_ms), slots_(kSlots) {
}

bool TimingWheel::insert(const TimerEntry& entry) {
    if (entry.deliver_ms > horizon()) return false;
    const int64_t at = std::max(entry.deliver_ms, cursor_);
    auto& slot = slots_[slot_of(at)];
    slot.push_back(entry);
    mark(slot_of(at));
    ++size_;
    return true;
}

std::optional<int64_t> TimingWheel::distance_to_occupied(size_t from) const {
    constexpr size_t kWords = kSlots / 64;
    size_t word = from / 64;
    // The first word only from `from` on; after a full turn, its bits before `from`.
    uint64_t bits = occupied_[word] & (~uint64_t{0} << (from % 64));
    for (size_t scanned = 0; scanned <= kWords; ++scanned) {
        if (bits != 0) {
            const size_t slot = word * 64 + static_cast<size_t>(std::countr_zero(bits));
            return static_cast<int64_t>((slot + kSlots - from) % kSlots);
        }
        word = (word + 1) % kWords;
        bits = occupied_[word];
    }
    return std::nullopt;
}

std::optional<int64_t> TimingWheel::next_due() const {
    if (size_ == 0) return std::nullopt;
    const auto distance = distance_to_occupied(slot_of(cursor_));
    if (!distance) return std::nullopt;
    return cursor_ + *distance;
}

std::vector<TimerEntry> TimingWheel::take_due(int64_t now_ms) {
    std::vector<TimerEntry> due;
    while (size_ > 0) {
        const auto next = next_due();
        if (!next || *next > now_ms) break;
        auto& slot = slots_[slot_of(*next)];
        size_ -= slot.size();
        due.insert(due.end(), slot.begin(), slot.end());
        slot.clear();
        slot.shrink_to_fit();
        unmark(slot_of(*next));
        cursor_ = *next;
    }
    cursor_ = std::max(cursor_, now_ms);
    return due;
}

}  // namespace rmq::broker::timer
