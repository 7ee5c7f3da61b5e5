#include "body/java_hash_order.hpp"

namespace rmq::body {

size_t java_hash_bucket(int32_t hash, size_t capacity) {
    const auto h = static_cast<uint32_t>(hash);
    return (h ^ (h >> 16)) & (capacity - 1);
}

size_t java_hash_map_capacity(size_t entries, size_t initial_capacity) {
    size_t cap = 1;
    while (cap < initial_capacity)
        cap <<= 1;
    while (entries > cap / 4 * 3)
        cap <<= 1;
    return cap;
}

size_t java_concurrent_hash_map_capacity(size_t entries, size_t initial_capacity) {
    const size_t wanted = initial_capacity + (initial_capacity >> 1) + 1;
    size_t cap = 1;
    while (cap < wanted)
        cap <<= 1;
    while (entries >= cap - (cap >> 2))
        cap <<= 1;
    return cap;
}

}  // namespace rmq::body
