#include "inspector/index_reader.hpp"

#include "common/big_endian.hpp"

namespace rmq::mqstore {

std::optional<store::IndexHeader> read_index_header(std::span<const char> file) {
    if (file.size() < static_cast<size_t>(store::kIndexHeaderSize)) return std::nullopt;
    const char* p = file.data();
    store::IndexHeader h;
    h.begin_timestamp = load_be<int64_t>(p);
    h.end_timestamp = load_be<int64_t>(p + 8);
    h.begin_phy_offset = load_be<int64_t>(p + 16);
    h.end_phy_offset = load_be<int64_t>(p + 24);
    h.hash_slot_count = load_be<int32_t>(p + 32);
    h.index_count = load_be<int32_t>(p + 36);
    return h;
}

int32_t read_index_slot(std::span<const char> file, int32_t s) {
    return load_be<int32_t>(file.data() + store::kIndexHeaderSize
                            + static_cast<int64_t>(s) * store::kIndexSlotSize);
}

IndexEntry read_index_entry(std::span<const char> file, const IndexGeometry& g, int32_t n) {
    const char* p = file.data() + store::kIndexHeaderSize
                    + static_cast<int64_t>(g.hash_slots) * store::kIndexSlotSize
                    + static_cast<int64_t>(n) * store::kIndexEntrySize;
    return {load_be<int32_t>(p), load_be<int64_t>(p + 4), load_be<int32_t>(p + 12),
            load_be<int32_t>(p + 16)};
}

}  // namespace rmq::mqstore
