#pragma once
// Java's HashMap/HashSet/ConcurrentHashMap iteration order for String keys, so that a body a
// Java process would build from a hash map can be written in the same order. A hash table
// iterates bucket by bucket, bucket = spread(hashCode) & (capacity − 1), and within a bucket in
// insertion order (as long as no bucket turns into a tree, 8+ colliding keys). The capacity only
// grows, so the order is a function of the key set, the insertion order and the capacity.
// Checked against the captured 4.9.8 bodies: the name server's topic list (HashMap, 18 topics,
// capacity 32) and the broker's topic and subscription-group tables (ConcurrentHashMap(1024),
// capacity 2048).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "body/ordered_map.hpp"
#include "message/java_hash.hpp"

namespace rmq::body {

/// Java's String.hashCode (message/java_hash.hpp), which HashMap buckets are derived from.
using message::java_string_hash;

/// The bucket of `hash` in a table of `capacity` (a power of two): (h ^ h >>> 16) & (cap − 1).
size_t java_hash_bucket(int32_t hash, size_t capacity);

/// The capacity of a `new HashMap<>()` (or HashSet) after `entries` insertions: 16, doubled
/// while entries > 0.75 × capacity.
size_t java_hash_map_capacity(size_t entries, size_t initial_capacity = 16);

/// The capacity of a `new ConcurrentHashMap<>(initial_capacity)` holding `entries`:
/// tableSizeFor(1.5 × initial + 1), doubled while entries ≥ 0.75 × capacity.
size_t java_concurrent_hash_map_capacity(size_t entries, size_t initial_capacity = 16);

/// Stable-sorts `entries` by bucket; entries keep their relative (insertion) order in a bucket.
template <class V>
void sort_in_java_hash_order(OrderedMap<std::string, V>& map, size_t capacity) {
    map.sort([capacity](const auto& a, const auto& b) {
        return java_hash_bucket(java_string_hash(a.first), capacity)
               < java_hash_bucket(java_string_hash(b.first), capacity);
    });
}
inline void sort_in_java_hash_order(std::vector<std::string>& keys, size_t capacity) {
    std::stable_sort(keys.begin(), keys.end(), [capacity](const auto& a, const auto& b) {
        return java_hash_bucket(java_string_hash(a), capacity)
               < java_hash_bucket(java_string_hash(b), capacity);
    });
}

}  // namespace rmq::body
