#pragma once
// Consumer offsets (ConsumerOffsetManager, spec/behaviours.md §2.4): `topic@group → queue →
// next offset to consume`, committed by UPDATE_CONSUMER_OFFSET and by pulls, kept in
// consumerOffset.json — written every flushConsumerOffsetInterval (5 s) when something changed,
// and at shutdown.
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/metadata/consumer_offset_table.hpp"

namespace rmq::broker {

class ConsumerOffsetManager {
  public:
    explicit ConsumerOffsetManager(std::filesystem::path config_dir)
        : config_dir_(std::move(config_dir)) {}

    /// consumerOffset.json (or its .bak); an unreadable file is an error naming it.
    store::Result<void> load();
    void commit(std::string_view topic, std::string_view group, int32_t queue_id, int64_t offset);
    std::optional<int64_t> query(std::string_view topic, std::string_view group,
                                 int32_t queue_id) const;
    /// Groups with an offset for `topic` (QUERY_TOPIC_CONSUME_BY_WHO).
    std::vector<std::string> groups_of(std::string_view topic) const;
    /// Topics `group` has offsets for (GET_CONSUME_STATS without a topic).
    std::vector<std::string> topics_of(std::string_view group) const;
    store::ConsumerOffsetTable snapshot() const;
    /// CLONE_GROUP_OFFSET: `dest_group`'s offsets of `topic` become a copy of `src_group`'s
    /// (nothing happens when the source has none).
    void clone_offsets(std::string_view src_group, std::string_view dest_group,
                       std::string_view topic);
    /// A slave's copy of its master's offsets (SlaveSynchronize.syncConsumerOffset): each
    /// topic@group of `master` replaces ours whole; others stay.
    void merge_master_copy(const store::ConsumerOffsetTable& master);
    /// Writes the file if anything changed since the last write.
    store::Result<void> persist();

  private:
    std::filesystem::path config_dir_;
    mutable std::mutex mutex_;
    store::ConsumerOffsetTable table_;
    bool dirty_ = false;
};

}  // namespace rmq::broker
