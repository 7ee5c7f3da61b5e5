#pragma once
// A map that iterates in insertion order, for the Java hash maps whose entries a body carries.
// Decoding keeps the order the sender wrote, so a decoded body re-encodes byte for byte; a
// producer that wants Java's own order sorts the entries with java_hash_order.hpp.
#include <algorithm>
#include <cstddef>
#include <utility>
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
        for (const Entry& e : entries_)
            if (e.first == key) return &e.second;
        return nullptr;
    }
    template <class Key>
    V* find(const Key& key) {
        for (Entry& e : entries_)
            if (e.first == key) return &e.second;
        return nullptr;
    }
    template <class Key>
    bool contains(const Key& key) const {
        return find(key) != nullptr;
    }

    /// Replaces the value of an existing key in its place, or appends a new entry.
    V& insert_or_assign(K key, V value) {
        if (V* existing = find(key)) {
            *existing = std::move(value);
            return *existing;
        }
        entries_.emplace_back(std::move(key), std::move(value));
        return entries_.back().second;
    }

    /// The value of `key`, appended default-constructed if it is new.
    V& operator[](const K& key) {
        if (V* existing = find(key)) return *existing;
        return insert_or_assign(key, V{});
    }

    template <class Key>
    bool erase(const Key& key) {
        auto it = std::find_if(entries_.begin(), entries_.end(),
                               [&](const Entry& e) { return e.first == key; });
        if (it == entries_.end()) return false;
        entries_.erase(it);
        return true;
    }

    /// Reorders the entries (a stable sort by `less` on the entries).
    template <class Less>
    void sort(Less less) {
        std::stable_sort(entries_.begin(), entries_.end(), less);
    }

    void clear() { entries_.clear(); }
    size_t size() const { return entries_.size(); }
    bool empty() const { return entries_.empty(); }
    auto begin() const { return entries_.begin(); }
    auto end() const { return entries_.end(); }
    auto begin() { return entries_.begin(); }
    auto end() { return entries_.end(); }

    /// Equal when the same entries are in the same order.
    friend bool operator==(const OrderedMap&, const OrderedMap&) = default;

  private:
    std::vector<Entry> entries_;
};

}  // namespace rmq::body
