#include "store/store_stats.hpp"

#include <cstdio>

namespace rmq::store {

namespace {

constexpr std::array<int64_t, StoreStats::kLatencyBuckets - 1> kUpperBoundsMs = {
    0, 10, 50, 100, 200, 500, 1000, 2000, 3000, 4000, 5000, 10000};
constexpr std::array<const char*, StoreStats::kLatencyBuckets> kBucketNames = {
    "<=0ms", "0~10ms", "10~50ms", "50~100ms", "100~200ms", "200~500ms", "500ms~1s",
    "1~2s",  "2~3s",   "3~4s",    "4~5s",     "5~10s",     "10s~"};
constexpr size_t kMaxSamples = 601;  // ten minutes of one-second samples, plus the base

int64_t value_of(const StoreStats::Counters& c, StoreStats::Rate rate) {
    switch (rate) {
        case StoreStats::Rate::put:
            return c.put_times;
        case StoreStats::Rate::get_found:
            return c.get_found;
        case StoreStats::Rate::get_miss:
            return c.get_miss;
        case StoreStats::Rate::get_total:
            return c.get_found + c.get_miss;
        case StoreStats::Rate::get_transferred:
            return c.get_transferred;
    }
    return 0;
}

}  // namespace

size_t StoreStats::latency_bucket(std::chrono::milliseconds elapsed) {
    for (size_t i = 0; i < kUpperBoundsMs.size(); ++i)
        if (elapsed.count() <= kUpperBoundsMs[i]) return i;
    return kLatencyBuckets - 1;
}

void StoreStats::raise_max(std::atomic<int64_t>& max, int64_t value) {
    int64_t seen = max.load(std::memory_order_relaxed);
    while (value > seen && !max.compare_exchange_weak(seen, value, std::memory_order_relaxed)) {
    }
}

void StoreStats::record_put(bool stored, int32_t messages, int64_t bytes,
                            std::chrono::milliseconds elapsed) {
    if (!stored) {
        put_failed_.fetch_add(1, std::memory_order_relaxed);
        return;
    }
    put_times_.fetch_add(messages, std::memory_order_relaxed);
    put_size_.fetch_add(bytes, std::memory_order_relaxed);
    put_latency_[latency_bucket(elapsed)].fetch_add(1, std::memory_order_relaxed);
    raise_max(put_time_max_, elapsed.count());
}

void StoreStats::record_get(size_t found_messages, std::chrono::milliseconds elapsed) {
    if (found_messages > 0) {
        get_found_.fetch_add(1, std::memory_order_relaxed);
        get_transferred_.fetch_add(static_cast<int64_t>(found_messages), std::memory_order_relaxed);
    } else {
        get_miss_.fetch_add(1, std::memory_order_relaxed);
    }
    raise_max(get_time_max_, elapsed.count());
}

StoreStats::Counters StoreStats::counters() const {
    Counters c;
    c.put_times = put_times_.load(std::memory_order_relaxed);
    c.put_size = put_size_.load(std::memory_order_relaxed);
    c.put_failed = put_failed_.load(std::memory_order_relaxed);
    c.get_found = get_found_.load(std::memory_order_relaxed);
    c.get_miss = get_miss_.load(std::memory_order_relaxed);
    c.get_transferred = get_transferred_.load(std::memory_order_relaxed);
    return c;
}

std::array<int64_t, StoreStats::kLatencyBuckets> StoreStats::put_latency_histogram() const {
    std::array<int64_t, kLatencyBuckets> h{};
    for (size_t i = 0; i < kLatencyBuckets; ++i)
        h[i] = put_latency_[i].load(std::memory_order_relaxed);
    return h;
}

std::string StoreStats::put_latency_distribution() const {
    const auto h = put_latency_histogram();
    std::string text;
    for (size_t i = 0; i < kLatencyBuckets; ++i)
        text += std::string("[") + kBucketNames[i] + "]:" + std::to_string(h[i]) + " ";
    return text;
}

double StoreStats::put_latency_quantile_ms(double fraction) const {
    const auto h = put_latency_histogram();
    int64_t total = 0;
    for (auto n : h)
        total += n;
    if (total == 0) return 0;
    int64_t seen = 0;
    for (size_t i = 0; i < kUpperBoundsMs.size(); ++i) {
        seen += h[i];
        // The middle of the bucket the quantile falls in: the histogram knows no more.
        if (static_cast<double>(seen) >= fraction * static_cast<double>(total))
            return i == 0 ? 0.0
                          : static_cast<double>(kUpperBoundsMs[i - 1] + kUpperBoundsMs[i]) / 2;
    }
    return static_cast<double>(kUpperBoundsMs.back());
}

void StoreStats::sample(Clock::time_point now) {
    std::lock_guard lock(samples_mutex_);
    samples_.push_back({now, counters()});
    while (samples_.size() > kMaxSamples)
        samples_.pop_front();
}

std::optional<double> StoreStats::rate(Rate rate, int window_seconds) const {
    std::lock_guard lock(samples_mutex_);
    if (window_seconds <= 0 || samples_.size() <= static_cast<size_t>(window_seconds))
        return std::nullopt;
    const auto& last = samples_.back();
    const auto& first = samples_[samples_.size() - 1 - static_cast<size_t>(window_seconds)];
    const double seconds = std::chrono::duration<double>(last.at - first.at).count();
    if (seconds <= 0) return 0.0;
    return static_cast<double>(value_of(last.counters, rate) - value_of(first.counters, rate))
           / seconds;
}

}  // namespace rmq::store
