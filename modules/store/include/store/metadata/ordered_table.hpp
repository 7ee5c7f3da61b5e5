#pragma once
// A string-keyed table that iterates in insertion order. Java writes its ConcurrentHashMaps in
// bucket order, which depends on the map's resize history (a table loaded from a file is a
// fastjson-built map of another capacity than the broker's own), so it cannot be reproduced in
// general; keeping the order a table was loaded in makes a load/persist cycle rewrite the file
// byte for byte, and new keys go last.
#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace rmq::store {

template <class V>
class OrderedTable {
  public:
    struct Entry {
        std::string key;
        V value;
        friend bool operator==(const Entry&, const Entry&) = default;
    };

    const V* find(std::string_view key) const {
        auto it = index_.find(key);
        return it == index_.end() ? nullptr : &entries_[it->second].value;
    }
    V* find(std::string_view key) {
        auto it = index_.find(key);
        return it == index_.end() ? nullptr : &entries_[it->second].value;
    }
    bool contains(std::string_view key) const { return index_.find(key) != index_.end(); }

    /// Replaces the value of an existing key in its place, or appends a new entry.
    V& insert_or_assign(std::string key, V value) {
        if (V* existing = find(key)) {
            *existing = std::move(value);
            return *existing;
        }
        index_.emplace(key, entries_.size());
        entries_.push_back(Entry{std::move(key), std::move(value)});
        return entries_.back().value;
    }

    /// The value of `key`, appended default-constructed if it is new.
    V& operator[](std::string_view key) {
        if (V* existing = find(key)) return *existing;
        return insert_or_assign(std::string(key), V{});
    }

    /// Removes `key`, keeping the order of the others; linear in the table size.
    bool erase(std::string_view key) {
        auto it = index_.find(key);
        if (it == index_.end()) return false;
        const size_t position = it->second;
        index_.erase(it);
        entries_.erase(entries_.begin() + static_cast<std::ptrdiff_t>(position));
        for (auto& [k, i] : index_)
            if (i > position) --i;
        return true;
    }

    void clear() {
        entries_.clear();
        index_.clear();
    }
    size_t size() const { return entries_.size(); }
    bool empty() const { return entries_.empty(); }
    auto begin() const { return entries_.begin(); }
    auto end() const { return entries_.end(); }

    /// Equal when the same entries are in the same order.
    friend bool operator==(const OrderedTable& a, const OrderedTable& b) {
        return a.entries_ == b.entries_;
    }

  private:
    struct Hash {
        using is_transparent = void;
        size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    std::vector<Entry> entries_;
    std::unordered_map<std::string, size_t, Hash, std::equal_to<>> index_;
};

}  // namespace rmq::store
