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

std::optional<SubscriptionGroupManager::GroupConfig> SubscriptionGroupManager::find(
    std::string_view group) const {
    std::lock_guard lock(mutex_);
    const auto* config = table_.groups.find(group);
    if (!config) return std::nullopt;
    return *config;
}

std::optional<SubscriptionGroupManager::GroupConfig> SubscriptionGroupManager::find_or_create(
    std::string_view group) {
    GroupConfig created;
    {
        std::lock_guard lock(mutex_);
        if (const auto* config = table_.groups.find(group)) return *config;
        if (!auto_create_ && !group.starts_with("CID_RMQ_SYS_")) return std::nullopt;
        created.group_name = std::string(group);
        table_.put(created);
        table_.data_version.next_version();
    }
    writer_.mark_dirty();
    return created;
}

void SubscriptionGroupManager::create_or_update(GroupConfig config) {
    {
        std::lock_guard lock(mutex_);
        table_.put(std::move(config));
        table_.data_version.next_version();
    }
    writer_.mark_dirty();
}

bool SubscriptionGroupManager::erase(std::string_view group) {
    {
        std::lock_guard lock(mutex_);
        if (!table_.groups.erase(group)) return false;
        table_.data_version.next_version();
    }
    writer_.mark_dirty();
    return true;
}

bool SubscriptionGroupManager::replace_with_master_copy(store::SubscriptionGroupTable table) {
    {
        std::lock_guard lock(mutex_);
        if (table.data_version == table_.data_version) return false;
        table_ = std::move(table);
    }
    writer_.mark_dirty();
    return true;
}

store::SubscriptionGroupTable SubscriptionGroupManager::snapshot() const {
    std::lock_guard lock(mutex_);
    return table_;
}

}  // namespace rmq::broker
