#pragma once
// The store's counters (StoreStatsService, spec/headers.md §A.4 GET_BROKER_RUNTIME_INFO): puts,
// their sizes, failures and latency histogram, and gets found/missed/transferred. Counting is a
// few relaxed atomic adds on the put and get paths; rates come from once-a-second samples kept
// for ten minutes, which is what `putTps`, `getFoundTps` etc. report over 10 s, 1 min and 10 min.
#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>

namespace rmq::store {

class StoreStats {
  public:
    using Clock = std::chrono::steady_clock;
    /// Java's put-latency buckets: <=0ms, 0~10ms, 10~50ms, …, 5~10s, 10s~.
    static constexpr size_t kLatencyBuckets = 13;

    void record_put(bool stored, int32_t messages, int64_t bytes,
                    std::chrono::milliseconds elapsed);
    void record_get(size_t found_messages, std::chrono::milliseconds elapsed);

    struct Counters {
        int64_t put_times = 0;  // messages stored
        int64_t put_size = 0;   // bytes stored
        int64_t put_failed = 0;
        int64_t get_found = 0;  // get_message calls that found messages
        int64_t get_miss = 0;
        int64_t get_transferred = 0;  // messages handed out
    };
    Counters counters() const;
    int64_t put_entire_time_max_ms() const { return put_time_max_.load(); }
    int64_t get_entire_time_max_ms() const { return get_time_max_.load(); }
    std::array<int64_t, kLatencyBuckets> put_latency_histogram() const;
    /// "[<=0ms]:11 [0~10ms]:5 … [10s~]:0 " as Java prints it.
    std::string put_latency_distribution() const;
    /// The latency (ms) under which `fraction` of puts finished, at bucket resolution (the
    /// bucket's middle), for putLatency99/999; 0 before any put.
    double put_latency_quantile_ms(double fraction) const;

    /// Takes a sample; the broker calls it about once a second.
    void sample(Clock::time_point now = Clock::now());
    enum class Rate { put, get_found, get_miss, get_total, get_transferred };
    /// Per-second rate over the last `window_seconds`, or nothing until samples cover it.
    std::optional<double> rate(Rate rate, int window_seconds) const;

  private:
    struct Sample {
        Clock::time_point at;
        Counters counters;
    };
    static size_t latency_bucket(std::chrono::milliseconds elapsed);
    static void raise_max(std::atomic<int64_t>& max, int64_t value);

    std::atomic<int64_t> put_times_{0}, put_size_{0}, put_failed_{0};
    std::atomic<int64_t> get_found_{0}, get_miss_{0}, get_transferred_{0};
    std::atomic<int64_t> put_time_max_{0}, get_time_max_{0};
    std::array<std::atomic<int64_t>, kLatencyBuckets> put_latency_{};
    mutable std::mutex samples_mutex_;
    std::deque<Sample> samples_;  // oldest first, at most 601
};

}  // namespace rmq::store
