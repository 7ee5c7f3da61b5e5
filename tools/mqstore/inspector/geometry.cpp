#include "inspector/geometry.hpp"

#include <algorithm>
#include <map>

namespace rmq::mqstore {

namespace {

constexpr int64_t kHeader = store::kIndexHeaderSize;
constexpr int64_t kSlot = store::kIndexSlotSize;
constexpr int64_t kEntry = store::kIndexEntrySize;

/// Slots for `entries` entries in a file of `size` bytes, if that leaves a whole positive number.
std::optional<int32_t> slots_for(int64_t size, int64_t entries) {
    const int64_t rest = size - kHeader - entries * kEntry;
    if (entries < 2 || rest < kSlot || rest % kSlot != 0 || rest / kSlot > INT32_MAX)
        return std::nullopt;
    return static_cast<int32_t>(rest / kSlot);
}

std::optional<int32_t> entries_for(int64_t size, int64_t slots) {
    const int64_t rest = size - kHeader - slots * kSlot;
    if (slots < 1 || rest < 2 * kEntry || rest % kEntry != 0 || rest / kEntry > INT32_MAX)
        return std::nullopt;
    return static_cast<int32_t>(rest / kEntry);
}

/// Whether the newest entries of `file` (index_count `count`) sit where geometry `g` says they
/// must: each entry is in the chain of slot hash % slots, so that slot holds a number between
/// it and the newest; the very newest entry is the head of its slot.
bool chains_fit(std::span<const char> file, const IndexGeometry& g, int32_t count) {
    constexpr int32_t kSamples = 64;
    for (int32_t n = count - 1; n >= 1 && n >= count - kSamples; --n) {
        const IndexEntry e = read_index_entry(file, g, n);
        if (e.key_hash < 0 || e.prev < 0 || e.prev >= n) return false;
        const int32_t head = read_index_slot(file, e.key_hash % g.hash_slots);
        if (n == count - 1 ? head != n : (head < n || head >= count)) return false;
    }
    return true;
}

common::Error ambiguous(int64_t size, const std::string& why) {
    return {errc::bad_geometry, "cannot tell the index geometry of " + std::to_string(size)
                                    + "-byte index files (" + why
                                    + "); pass --index-slots N (and/or --index-entries N)"};
}

}  // namespace

int64_t most_common_size(std::span<const uint64_t> sizes, int64_t fallback) {
    std::map<uint64_t, int> counts;
    for (uint64_t s : sizes)
        ++counts[s];
    int64_t best = fallback;
    int best_count = 0;
    for (const auto& [size, count] : counts) {  // ascending, so ties go to the larger size
        if (count >= best_count) {
            best = static_cast<int64_t>(size);
            best_count = count;
        }
    }
    return best;
}

Result<IndexGeometryGuess> infer_index_geometry(const std::vector<ReadOnlyFile>& files,
                                                const GeometryOptions& options) {
    std::vector<uint64_t> sizes;
    for (const auto& f : files)
        sizes.push_back(f.size());
    const int64_t size = most_common_size(sizes, 0);

    if (options.index_slots && options.index_entries) {
        return IndexGeometryGuess{IndexGeometry{*options.index_slots, *options.index_entries},
                                  "options"};
    }
    if (files.empty()) return IndexGeometryGuess{std::nullopt, "no index files"};
    if (options.index_slots) {
        auto entries = entries_for(size, *options.index_slots);
        if (!entries) return ambiguous(size, "no whole entry count fits --index-slots");
        return IndexGeometryGuess{IndexGeometry{*options.index_slots, *entries}, "--index-slots"};
    }
    if (options.index_entries) {
        auto slots = slots_for(size, *options.index_entries);
        if (!slots) return ambiguous(size, "no whole slot count fits --index-entries");
        return IndexGeometryGuess{IndexGeometry{*slots, *options.index_entries}, "--index-entries"};
    }
    if (size == kDefaultIndexGeometry.file_size())
        return IndexGeometryGuess{kDefaultIndexGeometry, "RocketMQ default (file size)"};

    // Every file but the newest was closed because it was full: its count is maxIndexNum.
    for (size_t i = 0; i + 1 < files.size(); ++i) {
        if (files[i].size() != static_cast<uint64_t>(size)) continue;
        auto header = read_index_header(files[i].bytes());
        if (!header) continue;
        if (auto slots = slots_for(size, header->index_count))
            return IndexGeometryGuess{
                IndexGeometry{*slots, header->index_count},
                "entry count of full file " + files[i].path().filename().string()};
    }

    const ReadOnlyFile& newest = files.back();
    auto header = read_index_header(newest.bytes());
    if (newest.size() != static_cast<uint64_t>(size) || !header)
        return ambiguous(size, "the newest file is damaged");
    if (header->index_count <= 1) return IndexGeometryGuess{std::nullopt, "only empty index files"};
    std::optional<IndexGeometry> found;
    for (int64_t entries = header->index_count; entries * kEntry < size; ++entries) {
        auto slots = slots_for(size, entries);
        if (!slots) continue;
        const IndexGeometry g{*slots, static_cast<int32_t>(entries)};
        if (!chains_fit(newest.bytes(), g, header->index_count)) continue;
        if (found) return ambiguous(size, "several geometries fit the entries");
        found = g;
    }
    if (!found) return ambiguous(size, "no geometry fits the entries");
    return IndexGeometryGuess{found, "hash chains of " + newest.path().filename().string()};
}

}  // namespace rmq::mqstore
