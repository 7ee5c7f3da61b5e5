#pragma once
// A map that iterates in insertion order, for the Java hash maps whose entries a body carries.
// Decoding keeps the order the sender wrote, so a decoded body re-encodes byte for byte; a
// producer that wants Java's own order sorts the entries with java_hash_order.hpp.
//
// String-keyed maps past a few entries keep a hash index beside the entries: a broker's topic
// table has thousands of keys, and without it every insert scanned all earlier ones (decoding or
// building a 10,000-topic registration was quadratic).
#include <algorithm>
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <variant>
#include <vector>

namespace rmq::body {

template <class K, class V>
class OrderedMap {
  public:
    using Entry = std::pair<K, V>;

    OrderedMap() = default;
    OrderedMap(std::initializer_list<Entry> entries) {
        for (const Entry& e : entries)
            insert_or_assign(e.first, e.second);
    }

    template <class Key>
    const V* find(const Key& key) const {
        const size_t i = position(key);
        return i == npos ? nullptr : &entries_[i].second;
    }
    template <class Key>
    V* find(const Key& key) {
        const size_t i = position(key);
        return i == npos ? nullptr : &entries_[i].second;
    }
    template <class Key>
    bool contains(const Key& key) const {
        return position(key) != npos;
    }

    /// Replaces the value of an existing key in its place, or appends a new entry.
    V& insert_or_assign(K key, V value) {
        if (V* existing = find(key)) {
            *existing = std::move(value);
            return *existing;
        }
        entries_.emplace_back(std::move(key), std::move(value));
        index_last();
        return entries_.back().second;
    }

    /// The value of `key`, appended default-constructed if it is new.
    V& operator[](const K& key) {
        if (V* existing = find(key)) return *existing;
        return insert_or_assign(key, V{});
    }

    template <class Key>
    bool erase(const Key& key) {
        const size_t i = position(key);
        if (i == npos) return false;
        entries_.erase(entries_.begin() + static_cast<std::ptrdiff_t>(i));
        rebuild_index();
        return true;
    }

    /// Reorders the entries (a stable sort by `less` on the entries).
    template <class Less>
    void sort(Less less) {
        std::stable_sort(entries_.begin(), entries_.end(), less);
        rebuild_index();
    }

    void clear() {
        entries_.clear();
        rebuild_index();
    }
    size_t size() const { return entries_.size(); }
    bool empty() const { return entries_.empty(); }
    auto begin() const { return entries_.begin(); }
    auto end() const { return entries_.end(); }
    auto begin() { return entries_.begin(); }
    auto end() { return entries_.end(); }

    /// Equal when the same entries are in the same order.
    friend bool operator==(const OrderedMap& a, const OrderedMap& b) {
        return a.entries_ == b.entries_;
    }

  private:
    static constexpr size_t npos = static_cast<size_t>(-1);
    static constexpr bool kIndexed = std::is_same_v<K, std::string>;
    static constexpr size_t kIndexFrom = 16;  // below this a scan is as fast as hashing

    struct StringHash {
        using is_transparent = void;
        size_t operator()(std::string_view s) const noexcept {
            return std::hash<std::string_view>{}(s);
        }
    };
    using Index =
        std::conditional_t<kIndexed,
                           std::unordered_map<std::string, size_t, StringHash, std::equal_to<>>,
                           std::monostate>;

    template <class Key>
    size_t position(const Key& key) const {
        if constexpr (kIndexed && std::is_convertible_v<const Key&, std::string_view>) {
            if (entries_.size() >= kIndexFrom) {
                auto it = index_.find(std::string_view(key));
                return it == index_.end() ? npos : it->second;
            }
        }
        for (size_t i = 0; i < entries_.size(); ++i)
            if (entries_[i].first == key) return i;
        return npos;
    }

    void index_last() {
        if constexpr (kIndexed) {
            if (entries_.size() == kIndexFrom)
                rebuild_index();
            else if (entries_.size() > kIndexFrom)
                index_.emplace(entries_.back().first, entries_.size() - 1);
        }
    }

    void rebuild_index() {
        if constexpr (kIndexed) {
            index_.clear();
            if (entries_.size() < kIndexFrom) return;
            index_.reserve(entries_.size());
            for (size_t i = 0; i < entries_.size(); ++i)
                index_.emplace(entries_[i].first, i);
        }
    }

    std::vector<Entry> entries_;
    Index index_;
};

}  // namespace rmq::body
