#include "metadata/subscription_group_manager.hpp"

#include "common/log.hpp"

namespace rmq::broker {

SubscriptionGroupManager::SubscriptionGroupManager(std::filesystem::path config_dir,
                                                   bool auto_create)
    : config_dir_(std::move(config_dir)), auto_create_(auto_create) {
    for (const char* name :
         {"TOOLS_CONSUMER", "FILTERSRV_CONSUMER", "SELF_TEST_C_GROUP", "CID_ONS-HTTP-PROXY",
          "CID_ONSAPI_PULL", "CID_ONSAPI_PERMISSION", "CID_ONSAPI_OWNER"}) {
        GroupConfig config;
        config.group_name = name;
        table_.put(std::move(config));
    }
}

store::Result<void> SubscriptionGroupManager::load() {
    auto loaded = store::SubscriptionGroupTable::load(config_dir_);
    if (!loaded) return loaded.error();
    std::lock_guard lock(mutex_);
    for (const auto& [name, config] : loaded->groups)
        table_.put(config);
    table_.data_version = loaded->data_version;
    return {};
}

store::Result<void> SubscriptionGroupManager::changed_locked() {
    table_.data_version.next_version();
    return table_.persist(config_dir_);
}

std::optional<SubscriptionGroupManager::GroupConfig> SubscriptionGroupManager::find(
    std::string_view group) const {
    std::lock_guard lock(mutex_);
    const auto* config = table_.groups.find(group);
    if (!config) return std::nullopt;
    return *config;
}

std::optional<SubscriptionGroupManager::GroupConfig> SubscriptionGroupManager::find_or_create(
    std::string_view group) {
    std::lock_guard lock(mutex_);
    if (const auto* config = table_.groups.find(group)) return *config;
    if (!auto_create_ && !group.starts_with("CID_RMQ_SYS_")) return std::nullopt;
    GroupConfig created;
    created.group_name = std::string(group);
    table_.put(created);
    if (auto r = changed_locked(); !r)
        log::error("broker", "cannot persist subscription groups: " + r.error().message);
    return created;
}

store::Result<void> SubscriptionGroupManager::create_or_update(GroupConfig config) {
    std::lock_guard lock(mutex_);
    table_.put(std::move(config));
    return changed_locked();
}

bool SubscriptionGroupManager::erase(std::string_view group) {
    std::lock_guard lock(mutex_);
    if (!table_.groups.erase(group)) return false;
    if (auto r = changed_locked(); !r)
        log::error("broker", "cannot persist subscription groups: " + r.error().message);
    return true;
}

store::SubscriptionGroupTable SubscriptionGroupManager::snapshot() const {
    std::lock_guard lock(mutex_);
    return table_;
}

}  // namespace rmq::broker
