#pragma once
// Message properties: the key/value map carried in send headers and stored records
// (spec/message-format.md §9). Insertion order is kept so that decode → encode reproduces the
// string the producer sent (Java would reorder by hash; byte-identical re-encoding matters more
// to us than mimicking HashMap order).
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rmq::message {

inline constexpr char kNameValueSeparator = '\x01';
inline constexpr char kPropertySeparator = '\x02';

class Properties {
  public:
    using value_type = std::pair<std::string, std::string>;
    using const_iterator = std::vector<value_type>::const_iterator;

    Properties() = default;
    Properties(std::initializer_list<value_type> entries);

    /// nullptr when absent. Linear scan: property maps hold a handful of entries.
    const std::string* find(std::string_view key) const noexcept;
    /// The value, or "" when absent (Java returns null; every stored value is non-empty).
    std::string_view get(std::string_view key) const noexcept;
    bool contains(std::string_view key) const noexcept { return find(key) != nullptr; }

    /// Replaces the value in place if the key exists (keeping its position), else appends.
    void set(std::string_view key, std::string_view value);
    /// Returns whether the key was present.
    bool erase(std::string_view key);
    void clear() noexcept { entries_.clear(); }
    void reserve(std::size_t n) { entries_.reserve(n); }

    std::size_t size() const noexcept { return entries_.size(); }
    bool empty() const noexcept { return entries_.empty(); }
    const_iterator begin() const noexcept { return entries_.begin(); }
    const_iterator end() const noexcept { return entries_.end(); }

    /// Same entries in the same order.
    friend bool operator==(const Properties&, const Properties&) = default;

  private:
    friend Properties parse_properties(std::string_view raw);

    std::vector<value_type> entries_;
};

/// Java's string2messageProperties rules: split on 0x02; in each segment the key is the text
/// before the first 0x01 and the value everything after it (it may contain further 0x01);
/// segments with an empty key or value (hence all shorter than 3 bytes) are skipped; a later
/// duplicate key overwrites the value but keeps the first position; a trailing 0x02 is fine.
/// Bytes are kept as they are (no UTF-8 validation, unlike Java's String decoding).
Properties parse_properties(std::string_view raw);

/// Calls fn(key, value) for every well-formed "key 0x01 value" segment of a raw properties
/// string, in order, with Java's parse rules (empty keys or values are skipped).
template <class Fn>
void for_each_property(std::string_view raw, Fn&& fn) {
    std::size_t pos = 0;
    while (pos < raw.size()) {
        std::size_t end = raw.find(kPropertySeparator, pos);
        if (end == std::string_view::npos) end = raw.size();
        const std::string_view segment = raw.substr(pos, end - pos);
        pos = end + 1;
        const std::size_t sep = segment.find(kNameValueSeparator);
        if (sep == std::string_view::npos || sep == 0 || sep + 1 >= segment.size()) continue;
        fn(segment.substr(0, sep), segment.substr(sep + 1));
    }
}

/// The value of `key` in a raw properties string without building the map (the dispatcher reads
/// TAGS, KEYS, UNIQ_KEY and DELAY of every stored record); "" when absent. Same rules as
/// parse_properties(): malformed segments are skipped and a later duplicate wins.
std::string_view find_property(std::string_view raw, std::string_view key) noexcept;

/// key 0x01 value, joined by 0x02, no trailing separator (what Java 4.9.8 writes). Entries with
/// an empty key or value are skipped because the parser would drop them anyway.
std::string encode_properties(const Properties& props);
void append_properties(std::string& out, const Properties& props);
std::size_t encoded_properties_size(const Properties& props) noexcept;

}  // namespace rmq::message
