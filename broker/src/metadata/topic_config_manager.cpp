#include "metadata/topic_config_manager.hpp"

#include "common/log.hpp"
#include "metadata/topic_validator.hpp"
#include "proto/flags.hpp"

namespace rmq::broker {

namespace perm = proto::perm;

TopicConfigManager::TopicConfigManager(TopicSettings settings) : settings_(std::move(settings)) {
    add_builtin_topics();
}

void TopicConfigManager::put_builtin(std::string name, int32_t queues, int32_t perm_bits) {
    TopicConfig config;
    config.topic_name = name;
    config.read_queue_nums = queues;
    config.write_queue_nums = queues;
    config.perm = perm_bits;
    table_.put(std::move(config));
    system_topics_.insert(std::move(name));
}

void TopicConfigManager::add_builtin_topics() {
    const int32_t rw = perm::kRead | perm::kWrite;
    put_builtin(std::string(kSelfTestTopic), 1, rw);
    if (settings_.auto_create_topic_enable)
        put_builtin(std::string(kAutoCreateTopicKey), settings_.default_topic_queue_nums,
                    perm::kInherit | rw);
    put_builtin(std::string(kBenchmarkTopic), 1024, rw);
    put_builtin(settings_.cluster_name, 16,
                perm::kInherit | (settings_.cluster_topic_enable ? rw : 0));
    put_builtin(settings_.broker_name, 1,
                perm::kInherit | (settings_.broker_topic_enable ? rw : 0));
    put_builtin(std::string(kOffsetMovedEvent), 1, rw);
    put_builtin(std::string(kScheduleTopic), 18, rw);
    if (settings_.trace_topic_enable) put_builtin(settings_.msg_trace_topic_name, 1, rw);
    put_builtin(settings_.cluster_name + "_REPLY_TOPIC", 1, rw);
}

store::Result<void> TopicConfigManager::load() {
    auto loaded = store::TopicConfigTable::load(settings_.config_dir);
    if (!loaded) return loaded.error();
    std::lock_guard lock(mutex_);
    for (const auto& [name, config] : loaded->topics)
        table_.put(config);
    table_.data_version = loaded->data_version;
    return {};
}

std::optional<TopicConfigManager::TopicConfig> TopicConfigManager::find(
    std::string_view topic) const {
    std::lock_guard lock(mutex_);
    const auto* config = table_.topics.find(topic);
    if (!config) return std::nullopt;
    return *config;
}

bool TopicConfigManager::is_system_topic(std::string_view topic) const {
    std::lock_guard lock(mutex_);
    return is_builtin_system_topic(topic) || system_topics_.contains(topic);
}

void TopicConfigManager::create_or_update(TopicConfig config) {
    {
        std::lock_guard lock(mutex_);
        table_.put(std::move(config));
        table_.data_version.next_version();
    }
    writer_.mark_dirty();
}

bool TopicConfigManager::replace_with_master_copy(store::TopicConfigTable table) {
    {
        std::lock_guard lock(mutex_);
        if (table.data_version == table_.data_version) return false;
        table_ = std::move(table);
    }
    writer_.mark_dirty();
    return true;
}

bool TopicConfigManager::erase(std::string_view topic) {
    {
        std::lock_guard lock(mutex_);
        if (!table_.topics.erase(topic)) return false;
        table_.data_version.next_version();
    }
    writer_.mark_dirty();
    return true;
}

std::optional<TopicConfigManager::TopicConfig> TopicConfigManager::create_in_send(
    std::string_view topic, std::string_view default_topic, int32_t client_default_queue_nums,
    int32_t topic_sys_flag) {
    auto created =
        create_in_send_locked(topic, default_topic, client_default_queue_nums, topic_sys_flag);
    if (created.second) {
        writer_.mark_dirty();
        log::info("broker", "created topic " + created.first->topic_name + " on a send");
    }
    return created.first;
}

std::pair<std::optional<TopicConfigManager::TopicConfig>, bool>
TopicConfigManager::create_in_send_locked(std::string_view topic, std::string_view default_topic,
                                          int32_t client_default_queue_nums,
                                          int32_t topic_sys_flag) {
    std::lock_guard lock(mutex_);
    if (const auto* existing = table_.topics.find(topic)) return {*existing, false};
    TopicConfig created;
    created.topic_name = std::string(topic);
    const auto* templ = table_.topics.find(default_topic);
    if (templ) {
        int32_t template_perm = templ->perm;
        // Without auto-creation TBW102 may exist (from an old topics.json) but never passes on.
        if (default_topic == kAutoCreateTopicKey && !settings_.auto_create_topic_enable)
            template_perm = perm::kRead | perm::kWrite;
        if ((template_perm & perm::kInherit) == 0) templ = nullptr;
    }
    if (templ) {
        const int32_t queues = std::min(client_default_queue_nums, templ->write_queue_nums);
        created.read_queue_nums = std::max(queues, 0);
        created.write_queue_nums = std::max(queues, 0);
        created.perm = templ->perm & ~perm::kInherit;
        created.topic_filter_type = templ->topic_filter_type;
        created.topic_sys_flag = topic_sys_flag;
    } else if (topic.starts_with(kRetryGroupTopicPrefix)) {
        created.read_queue_nums = 1;
        created.write_queue_nums = 1;
        created.perm = perm::kRead | perm::kWrite;
        created.topic_sys_flag = topic_sys_flag;
    } else {
        return {std::nullopt, false};
    }
    table_.put(created);
    table_.data_version.next_version();
    return {std::move(created), true};
}

TopicConfigManager::TopicConfig TopicConfigManager::create_in_send_back(std::string_view topic,
                                                                        int32_t queue_nums,
                                                                        int32_t perm_bits,
                                                                        int32_t topic_sys_flag,
                                                                        bool* was_created) {
    if (was_created) *was_created = false;
    TopicConfig created;
    {
        std::lock_guard lock(mutex_);
        if (const auto* existing = table_.topics.find(topic)) return *existing;
        created.topic_name = std::string(topic);
        created.read_queue_nums = queue_nums;
        created.write_queue_nums = queue_nums;
        created.perm = perm_bits;
        created.topic_sys_flag = topic_sys_flag;
        table_.put(created);
        table_.data_version.next_version();
    }
    writer_.mark_dirty();
    if (was_created) *was_created = true;
    return created;
}

void TopicConfigManager::update_order_topics(const std::set<std::string>& ordered) {
    {
        std::lock_guard lock(mutex_);
        std::vector<std::string> flip;
        for (const auto& [name, config] : table_.topics)
            if (config.order != ordered.contains(name)) flip.push_back(name);
        if (flip.empty()) return;
        for (const auto& name : flip) {
            auto* config = table_.topics.find(name);
            config->order = !config->order;
        }
        table_.data_version.next_version();
    }
    writer_.mark_dirty();
}

store::TopicConfigTable TopicConfigManager::snapshot() const {
    std::lock_guard lock(mutex_);
    return table_;
}

store::DataVersion TopicConfigManager::data_version() const {
    std::lock_guard lock(mutex_);
    return table_.data_version;
}

void TopicConfigManager::next_data_version() {
    std::lock_guard lock(mutex_);
    table_.data_version.next_version();
}

std::vector<std::string> TopicConfigManager::system_topics() const {
    std::lock_guard lock(mutex_);
    return {system_topics_.begin(), system_topics_.end()};
}

}  // namespace rmq::broker
