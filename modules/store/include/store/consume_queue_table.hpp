#pragma once
// Every consume queue of the store, by topic and queue id (consumequeue/<topic>/<queueId>/).
// Queues are created on first dispatch; lookups from any thread.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "store/consume_queue.hpp"

namespace rmq::store {

class ConsumeQueueTable {
  public:
    ConsumeQueueTable(std::filesystem::path root, int64_t file_size);

    /// Loads every consumequeue/<topic>/<numeric queue id> directory (others are skipped). A
    /// queue whose files do not load (a file missing in the middle, a foreign size) is moved
    /// aside to <queueId>.damaged-<ms> and counted in damaged(): the store rebuilds it from the
    /// commit log.
    Result<void> load();
    size_t damaged() const { return damaged_; }

    std::shared_ptr<ConsumeQueue> find(std::string_view topic, int32_t queue_id) const;
    Result<std::shared_ptr<ConsumeQueue>> find_or_create(std::string_view topic, int32_t queue_id);

    /// Calls `fn` on every queue (a snapshot: queues created meanwhile are not visited).
    void for_each(const std::function<void(ConsumeQueue&)>& fn) const;
    /// Queue ids of a topic, sorted.
    std::map<int32_t, std::shared_ptr<ConsumeQueue>> queues_of(std::string_view topic) const;
    std::vector<std::string> topics() const;
    size_t size() const;

    /// Deletes a topic's queues and their files.
    void erase_topic(std::string_view topic);
    /// Deletes the queues (of every topic but `keep`) whose last message ends before
    /// `commit_log_min_offset`, i.e. whose every entry points at deleted commit-log files, and
    /// drops topics left without queues (Java's cleanExpiredConsumerQueue). Returns how many
    /// queues went.
    size_t erase_expired(int64_t commit_log_min_offset, std::string_view keep);
    void clear();

  private:
    using Queues = std::map<int32_t, std::shared_ptr<ConsumeQueue>>;
    struct StringHash {
        using is_transparent = void;
        size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };

    std::filesystem::path root_;
    int64_t file_size_;
    size_t damaged_ = 0;
    mutable std::shared_mutex mutex_;
    std::unordered_map<std::string, Queues, StringHash, std::equal_to<>> topics_;
};

}  // namespace rmq::store
