#include "message/properties.hpp"

#include <algorithm>
#include <array>
#include <unordered_map>

namespace rmq::message {

namespace {

// Above this many entries duplicate detection switches from a linear scan to a hash index, so
// a hostile 32 KiB string of tiny segments cannot make parsing quadratic.
constexpr std::size_t kLinearScanLimit = 16;

bool writable(const Properties::value_type& kv) {
    return !kv.first.empty() && !kv.second.empty();
}

}  // namespace

Properties::Properties(std::initializer_list<value_type> entries) {
    for (const auto& [k, v] : entries)
        set(k, v);
}

const std::string* Properties::find(std::string_view key) const noexcept {
    for (const auto& kv : entries_) {
        if (kv.first == key) return &kv.second;
    }
    return nullptr;
}

std::string_view Properties::get(std::string_view key) const noexcept {
    const std::string* v = find(key);
    return v ? std::string_view(*v) : std::string_view();
}

void Properties::set(std::string_view key, std::string_view value) {
    for (auto& kv : entries_) {
        if (kv.first == key) {
            kv.second.assign(value);
            return;
        }
    }
    entries_.emplace_back(std::string(key), std::string(value));
}

bool Properties::erase(std::string_view key) {
    auto it = std::find_if(entries_.begin(), entries_.end(),
                           [&](const value_type& kv) { return kv.first == key; });
    if (it == entries_.end()) return false;
    entries_.erase(it);
    return true;
}

std::string_view find_property(std::string_view raw, std::string_view key) noexcept {
    std::string_view found;
    for_each_property(raw, [&](std::string_view k, std::string_view v) {
        if (k == key) found = v;  // a later duplicate wins
    });
    return found;
}

Properties parse_properties(std::string_view raw) {
    Properties props;
    auto& entries = props.entries_;
    // Each kept entry takes at least 4 bytes ("k\x01v" plus a separator), which bounds the
    // reservation even for a hostile string of separators.
    const auto segments =
        static_cast<std::size_t>(std::count(raw.begin(), raw.end(), kPropertySeparator)) + 1;
    entries.reserve(std::min(segments, (raw.size() + 1) / 4));

    // Duplicate detection on views into `raw` (the strings in `entries` would do too, but their
    // addresses are not stable): a linear scan of a fixed array for the usual handful of keys,
    // a hash index once there are more.
    std::array<std::string_view, kLinearScanLimit> first_keys;
    std::unordered_map<std::string_view, std::size_t> index;
    for_each_property(raw, [&](std::string_view key, std::string_view value) {
        const std::size_t count = entries.size();
        std::size_t found = count;
        if (count < kLinearScanLimit) {
            found = static_cast<std::size_t>(
                std::find(first_keys.begin(), first_keys.begin() + count, key)
                - first_keys.begin());
            if (found == count) first_keys[count] = key;
        } else {
            if (index.empty()) {
                for (std::size_t i = 0; i < kLinearScanLimit; ++i)
                    index.emplace(first_keys[i], i);
            }
            auto [it, inserted] = index.emplace(key, count);
            if (!inserted) found = it->second;
        }
        if (found < count) {
            entries[found].second.assign(value);  // later duplicate wins, first position kept
            return;
        }
        entries.emplace_back(std::string(key), std::string(value));
    });
    return props;
}

std::size_t encoded_properties_size(const Properties& props) noexcept {
    std::size_t n = 0;
    for (const auto& kv : props) {
        if (!writable(kv)) continue;
        if (n) ++n;
        n += kv.first.size() + 1 + kv.second.size();
    }
    return n;
}

void append_properties(std::string& out, const Properties& props) {
    out.reserve(out.size() + encoded_properties_size(props));
    bool first = true;
    for (const auto& kv : props) {
        if (!writable(kv)) continue;
        if (!first) out.push_back(kPropertySeparator);
        first = false;
        out += kv.first;
        out.push_back(kNameValueSeparator);
        out += kv.second;
    }
}

std::string encode_properties(const Properties& props) {
    std::string out;
    append_properties(out, props);
    return out;
}

}  // namespace rmq::message
