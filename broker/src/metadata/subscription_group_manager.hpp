#pragma once
// Consumer-group settings (SubscriptionGroupManager, spec/behaviours.md §2.5, store-format.md
// §7.4): the built-in groups, subscriptionGroup.json on top, admin create/update/delete, and
// automatic creation of unknown groups on first use.
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

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

    store::Result<void> create_or_update(GroupConfig config);
    bool erase(std::string_view group);

    store::SubscriptionGroupTable snapshot() const;

  private:
    store::Result<void> changed_locked();

    std::filesystem::path config_dir_;
    bool auto_create_;
    mutable std::mutex mutex_;
    store::SubscriptionGroupTable table_;
};

}  // namespace rmq::broker
