#pragma once
// The `extFields` map of a remoting command: string pairs in wire order. Headers carry a dozen
// entries at most, so a flat vector beats a hash map and keeps the order needed to re-encode a
// received frame byte for byte.
#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rmq::proto {

class ExtFields {
  public:
    using Entry = std::pair<std::string, std::string>;

    const std::string* find(std::string_view key) const {
        auto it = std::find_if(entries_.begin(), entries_.end(),
                               [key](const Entry& e) { return e.first == key; });
        return it == entries_.end() ? nullptr : &it->second;
    }

    /// Replaces the value of an existing key (later duplicates win, as in Java's HashMap) or
    /// appends a new entry.
    void set(std::string key, std::string value) {
        for (auto& e : entries_) {
            if (e.first == key) {
                e.second = std::move(value);
                return;
            }
        }
        entries_.emplace_back(std::move(key), std::move(value));
    }

    /// Appends without looking for the key: the caller knows it is not there yet (a header
    /// being encoded into empty fields, whose names are distinct).
    void append(std::string key, std::string value) {
        entries_.emplace_back(std::move(key), std::move(value));
    }

    bool erase(std::string_view key) {
        auto it = std::find_if(entries_.begin(), entries_.end(),
                               [key](const Entry& e) { return e.first == key; });
        if (it == entries_.end()) return false;
        entries_.erase(it);
        return true;
    }

    void reserve(size_t n) { entries_.reserve(n); }
    size_t size() const { return entries_.size(); }
    bool empty() const { return entries_.empty(); }
    auto begin() const { return entries_.begin(); }
    auto end() const { return entries_.end(); }

    bool operator==(const ExtFields&) const = default;

  private:
    std::vector<Entry> entries_;
};

}  // namespace rmq::proto
