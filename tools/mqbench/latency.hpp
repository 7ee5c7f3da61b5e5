#pragma once
// A latency histogram with bounded memory: 1 µs buckets below 1 ms, then 64 sub-buckets per
// power of two up to about an hour. Percentiles come out within 1.6 %.
#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace mqbench {

class Histogram {
  public:
    void record(uint64_t micros);
    void merge(const Histogram& other);
    void clear();
    uint64_t count() const { return count_; }
    uint64_t max() const { return max_; }
    double mean() const { return count_ ? static_cast<double>(sum_) / count_ : 0; }
    /// The value at quantile q in [0, 1] (upper edge of its bucket), in µs.
    uint64_t percentile(double q) const;

  private:
    static std::size_t bucket_of(uint64_t micros);
    static uint64_t upper_edge(std::size_t bucket);
    std::vector<uint64_t> buckets_ = std::vector<uint64_t>(1024 + 64 * 40, 0);
    uint64_t count_ = 0;
    uint64_t sum_ = 0;
    uint64_t max_ = 0;
};

}  // namespace mqbench
