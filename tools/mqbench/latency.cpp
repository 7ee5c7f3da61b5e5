#include "latency.hpp"

#include <algorithm>
#include <bit>

namespace mqbench {

size_t Histogram::bucket_of(uint64_t micros) {
    if (micros < 1024) return static_cast<size_t>(micros);
    const int exponent = std::bit_width(micros) - 1;  // >= 10
    const uint64_t sub = (micros >> (exponent - 6)) & 63;
    return std::min<size_t>(1024 + static_cast<size_t>(exponent - 10) * 64 + sub,
                            1024 + 64 * 40 - 1);
}

uint64_t Histogram::upper_edge(size_t bucket) {
    if (bucket < 1024) return bucket;
    const size_t exponent = (bucket - 1024) / 64 + 10;
    const uint64_t sub = (bucket - 1024) % 64;
    return ((64 + sub + 1) << (exponent - 6)) - 1;
}

void Histogram::record(uint64_t micros) {
    ++buckets_[bucket_of(micros)];
    ++count_;
    sum_ += micros;
    max_ = std::max(max_, micros);
}

void Histogram::merge(const Histogram& other) {
    for (size_t i = 0; i < buckets_.size(); ++i)
        buckets_[i] += other.buckets_[i];
    count_ += other.count_;
    sum_ += other.sum_;
    max_ = std::max(max_, other.max_);
}

void Histogram::clear() {
    std::fill(buckets_.begin(), buckets_.end(), 0);
    count_ = sum_ = max_ = 0;
}

uint64_t Histogram::percentile(double q) const {
    if (count_ == 0) return 0;
    const auto rank = static_cast<uint64_t>(q * static_cast<double>(count_ - 1)) + 1;
    uint64_t seen = 0;
    for (size_t i = 0; i < buckets_.size(); ++i) {
        seen += buckets_[i];
        if (seen >= rank) return std::min(upper_edge(i), max_);
    }
    return max_;
}

}  // namespace mqbench
