#include "core/broker_stats.hpp"

#include <utility>

#include "common/wall_clock.hpp"

namespace rmq::broker {

StatsItem::StatsItem(int64_t created_ms) {
    for (Window* w : {&minute_, &hour_, &day_})
        w->samples.push_back(Snapshot{created_ms - w->period_ms, 0, 0});
}

StatsItem::Snapshot StatsItem::current(int64_t now_ms) const {
    return Snapshot{now_ms, times_.load(std::memory_order_relaxed),
                    value_.load(std::memory_order_relaxed)};
}

void StatsItem::take(Window& window, const Snapshot& current) {
    if (current.timestamp - window.samples.back().timestamp < window.period_ms) return;
    window.samples.push_back(current);
    while (window.samples.size() > window.keep)
        window.samples.pop_front();
}

void StatsItem::sample(int64_t now_ms) {
    const Snapshot now = current(now_ms);
    std::lock_guard lock(mutex_);
    take(minute_, now);
    take(hour_, now);
    take(day_, now);
}

StatsWindow StatsItem::compute(const Window& window, const Snapshot& last) {
    // Java's computeStatsData, from the window's first sample to `last`.
    StatsWindow out;
    const Snapshot& first = window.samples.front();
    out.sum = last.value - first.value;
    if (last.timestamp != first.timestamp)
        out.tps = static_cast<double>(out.sum) * 1000.0
                  / static_cast<double>(last.timestamp - first.timestamp);
    if (const int64_t calls = last.times - first.times; calls > 0)
        out.avgpt = static_cast<double>(out.sum) / static_cast<double>(calls);
    return out;
}

StatsItemView StatsItem::view(int64_t now_ms) const {
    const Snapshot now = current(now_ms);
    std::lock_guard lock(mutex_);
    return StatsItemView{compute(minute_, now), compute(hour_, now), compute(day_, now)};
}

template <class Entry>
Entry& BrokerStats::ItemSet<Entry>::item(const std::string& key) {
    {
        std::shared_lock lock(mutex_);
        if (auto it = items_.find(key); it != items_.end()) return *it->second;
    }
    std::unique_lock lock(mutex_);
    auto& slot = items_[key];
    if (!slot) slot = std::make_unique<Entry>(common::epoch_millis());
    return *slot;
}

template <class Entry>
const Entry* BrokerStats::ItemSet<Entry>::find(std::string_view key) const {
    std::shared_lock lock(mutex_);
    auto it = items_.find(std::string(key));
    return it == items_.end() ? nullptr : it->second.get();
}

template <class Entry>
void BrokerStats::ItemSet<Entry>::sample(int64_t now_ms) {
    std::shared_lock lock(mutex_);
    for (auto& [key, item] : items_)
        item->sample(now_ms);
}

BrokerStats::BrokerStats(std::string cluster_name) : cluster_name_(std::move(cluster_name)) {
}

StatsItem& BrokerStats::broker_item(ItemSet<StatsItem>& set, std::atomic<StatsItem*>& cached) {
    if (StatsItem* item = cached.load(std::memory_order_acquire)) return *item;
    StatsItem& item = set.item(cluster_name_);
    cached.store(&item, std::memory_order_release);
    return item;
}

void BrokerStats::on_put(const std::string& topic, int64_t messages, int64_t bytes) {
    auto& counters = topic_put_.item(topic);
    counters.nums.add(messages, 1);
    counters.size.add(bytes, 1);
    // Java adds to the broker's value only, not its call count.
    broker_item(broker_put_nums_, broker_put_).add(messages, 0);
}

void BrokerStats::on_get(const std::string& topic, const std::string& group, int64_t messages,
                         int64_t bytes) {
    auto& counters = group_get_.item(topic + "@" + group);
    counters.nums.add(messages, 1);
    counters.size.add(bytes, 1);
    broker_item(broker_get_nums_, broker_get_).add(messages, 0);
}

void BrokerStats::on_send_back(const std::string& topic, const std::string& group) {
    sndbck_put_nums_.item(topic + "@" + group).add(1, 1);
}

std::optional<StatsItemView> BrokerStats::view(std::string_view name, std::string_view key,
                                               int64_t now_ms) const {
    const StatsItem* item = nullptr;
    if (name == stats_name::kTopicPutNums || name == stats_name::kTopicPutSize) {
        if (const auto* counters = topic_put_.find(key))
            item = name == stats_name::kTopicPutNums ? &counters->nums : &counters->size;
    } else if (name == stats_name::kGroupGetNums || name == stats_name::kGroupGetSize) {
        if (const auto* counters = group_get_.find(key))
            item = name == stats_name::kGroupGetNums ? &counters->nums : &counters->size;
    } else if (name == stats_name::kSndbckPutNums) {
        item = sndbck_put_nums_.find(key);
    } else if (name == stats_name::kBrokerPutNums) {
        item = broker_put_nums_.find(key);
    } else if (name == stats_name::kBrokerGetNums) {
        item = broker_get_nums_.find(key);
    }
    if (!item) return std::nullopt;
    return item->view(now_ms);
}

void BrokerStats::sample(int64_t now_ms) {
    topic_put_.sample(now_ms);
    group_get_.sample(now_ms);
    sndbck_put_nums_.sample(now_ms);
    broker_put_nums_.sample(now_ms);
    broker_get_nums_.sample(now_ms);
}

}  // namespace rmq::broker
