#pragma once
// Read-only view of one index file (spec/store-format.md §5). The geometry (hash slots, entries)
// is not written in the file; it comes from geometry.hpp.
#include <cstdint>
#include <optional>
#include <span>

#include "inspector/read_only_file.hpp"
#include "store/index_file.hpp"

namespace rmq::mqstore {

struct IndexGeometry {
    int32_t hash_slots = 0;
    int32_t max_entries = 0;  // maxIndexNum: entry numbers run from 1 to max_entries - 1

    int64_t file_size() const { return store::index_file_size(hash_slots, max_entries); }
    friend bool operator==(const IndexGeometry&, const IndexGeometry&) = default;
};

/// RocketMQ's defaults (maxHashSlotNum 5 000 000, maxIndexNum 20 000 000).
inline constexpr IndexGeometry kDefaultIndexGeometry{5000000, 20000000};

struct IndexEntry {
    int32_t key_hash = 0;
    int64_t phy_offset = 0;
    int32_t time_diff = 0;  // seconds after the header's beginTimestamp
    int32_t prev = 0;       // previous entry number in the same slot, 0 = end of chain
};

/// The header of a mapped index file; nullopt when the file is shorter than a header.
std::optional<store::IndexHeader> read_index_header(std::span<const char> file);

/// Slot `s` and entry number `n` of a file with geometry `g`. Preconditions: s < g.hash_slots,
/// n < g.max_entries, and the file is at least g.file_size() bytes.
int32_t read_index_slot(std::span<const char> file, int32_t s);
IndexEntry read_index_entry(std::span<const char> file, const IndexGeometry& g, int32_t n);

}  // namespace rmq::mqstore
