#include "broker_stats.hpp"

#include <array>
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

StatsItem& BrokerStats::ItemSet::item(const std::string& key) {
    {
        std::shared_lock lock(mutex_);
        if (auto it = items_.find(key); it != items_.end()) return *it->second;
    }
    std::unique_lock lock(mutex_);
    auto& slot = items_[key];
    if (!slot) slot = std::make_unique<StatsItem>(common::epoch_millis());
    return *slot;
}

const StatsItem* BrokerStats::ItemSet::find(std::string_view key) const {
    std::shared_lock lock(mutex_);
    auto it = items_.find(std::string(key));
    return it == items_.end() ? nullptr : it->second.get();
}

void BrokerStats::ItemSet::sample(int64_t now_ms) {
    std::shared_lock lock(mutex_);
    for (auto& [key, item] : items_)
        item->sample(now_ms);
}

BrokerStats::BrokerStats(std::string cluster_name) : cluster_name_(std::move(cluster_name)) {
}

void BrokerStats::on_put(const std::string& topic, int64_t messages, int64_t bytes) {
    topic_put_nums_.item(topic).add(messages, 1);
    topic_put_size_.item(topic).add(bytes, 1);
    broker_put_nums_.item(cluster_name_).add(messages, 0);
}

void BrokerStats::on_get(const std::string& topic, const std::string& group, int64_t messages,
                         int64_t bytes) {
    const std::string key = topic + "@" + group;
    group_get_nums_.item(key).add(messages, 1);
    group_get_size_.item(key).add(bytes, 1);
    broker_get_nums_.item(cluster_name_).add(messages, 0);
}

void BrokerStats::on_send_back(const std::string& topic, const std::string& group) {
    sndbck_put_nums_.item(topic + "@" + group).add(1, 1);
}

const BrokerStats::ItemSet* BrokerStats::set_of(std::string_view name) const {
    const std::array<std::pair<std::string_view, const ItemSet*>, 7> sets{{
        {stats_name::kTopicPutNums, &topic_put_nums_},
        {stats_name::kTopicPutSize, &topic_put_size_},
        {stats_name::kGroupGetNums, &group_get_nums_},
        {stats_name::kGroupGetSize, &group_get_size_},
        {stats_name::kSndbckPutNums, &sndbck_put_nums_},
        {stats_name::kBrokerPutNums, &broker_put_nums_},
        {stats_name::kBrokerGetNums, &broker_get_nums_},
    }};
    for (const auto& [known, set] : sets)
        if (known == name) return set;
    return nullptr;
}

std::optional<StatsItemView> BrokerStats::view(std::string_view name, std::string_view key,
                                               int64_t now_ms) const {
    const ItemSet* set = set_of(name);
    if (!set) return std::nullopt;
    const StatsItem* item = set->find(key);
    if (!item) return std::nullopt;
    return item->view(now_ms);
}

void BrokerStats::sample(int64_t now_ms) {
    for (ItemSet* set : {&topic_put_nums_, &topic_put_size_, &group_get_nums_, &group_get_size_,
                         &sndbck_put_nums_, &broker_put_nums_, &broker_get_nums_})
        set->sample(now_ms);
}

}  // namespace rmq::broker
