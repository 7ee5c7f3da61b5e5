#pragma once
// Consumer-group settings (SubscriptionGroupManager, spec/behaviours.md §2.5, store-format.md
// §7.4): the built-in groups, subscriptionGroup.json on top, admin create/update/delete, and
// automatic creation of unknown groups on first use. Changes are written by a MetadataWriter.
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "metadata/metadata_writer.hpp"
#include "store/metadata/subscription_group.hpp"

namespace rmq::broker {

class SubscriptionGroupManager {
  public:
    using GroupConfig = store::SubscriptionGroupConfig;

    SubscriptionGroupManager(std::filesystem::path config_dir, bool auto_create);

    store::Result<void> load();

    /// findSubscriptionGroupConfig: the group's settings, created with defaults (and persisted)
    /// when unknown and auto-creation is on or the group is a system group (CID_RMQ_SYS_…).
    std::optional<GroupConfig> find_or_create(std::string_view group);
    std::optional<GroupConfig> find(std::string_view group) const;

    void create_or_update(GroupConfig config);
    bool erase(std::string_view group);

    store::SubscriptionGroupTable snapshot() const;
    /// A slave's copy of its master's groups (SlaveSynchronize.syncSubscriptionGroupConfig):
    /// replaces the whole table unless its data version is already ours; true when it did.
    bool replace_with_master_copy(store::SubscriptionGroupTable table);
    /// Writes subscriptionGroup.json; the broker runs it in the background.
    MetadataWriter& writer() { return writer_; }

  private:
    std::filesystem::path config_dir_;
    bool auto_create_;
    mutable std::mutex mutex_;
    store::SubscriptionGroupTable table_;
    MetadataWriter writer_{"subscriptionGroup.json",
                           [this] { return snapshot().persist(config_dir_); }};
};

}  // namespace rmq::broker
