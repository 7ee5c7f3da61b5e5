#include "metadata/consumer_offset_manager.hpp"

namespace rmq::broker {

store::Result<void> ConsumerOffsetManager::load() {
    auto loaded = store::ConsumerOffsetTable::load(config_dir_);
    if (!loaded) return loaded.error();
    std::lock_guard lock(mutex_);
    table_ = std::move(*loaded);
    dirty_ = false;
    return {};
}

void ConsumerOffsetManager::commit(std::string_view topic, std::string_view group, int32_t queue_id,
                                   int64_t offset) {
    std::lock_guard lock(mutex_);
    table_.commit(topic, group, queue_id, offset);
    dirty_ = true;
}

std::optional<int64_t> ConsumerOffsetManager::query(std::string_view topic, std::string_view group,
                                                    int32_t queue_id) const {
    std::lock_guard lock(mutex_);
    return table_.query(topic, group, queue_id);
}

std::vector<std::string> ConsumerOffsetManager::groups_of(std::string_view topic) const {
    std::lock_guard lock(mutex_);
    std::vector<std::string> groups;
    for (const auto& [key, offsets] : table_.offsets) {
        const auto at = key.find('@');
        if (at != std::string::npos && std::string_view(key).substr(0, at) == topic)
            groups.push_back(key.substr(at + 1));
    }
    return groups;
}

std::vector<std::string> ConsumerOffsetManager::topics_of(std::string_view group) const {
    std::lock_guard lock(mutex_);
    std::vector<std::string> topics;
    for (const auto& [key, offsets] : table_.offsets) {
        const auto at = key.find('@');
        if (at != std::string::npos && std::string_view(key).substr(at + 1) == group)
            topics.push_back(key.substr(0, at));
    }
    return topics;
}

void ConsumerOffsetManager::clone_offsets(std::string_view src_group, std::string_view dest_group,
                                          std::string_view topic) {
    std::lock_guard lock(mutex_);
    const auto* source = table_.offsets.find(store::ConsumerOffsetTable::key(topic, src_group));
    if (!source) return;
    auto copy = *source;
    table_.offsets.insert_or_assign(store::ConsumerOffsetTable::key(topic, dest_group),
                                    std::move(copy));
    dirty_ = true;
}

void ConsumerOffsetManager::merge_master_copy(const store::ConsumerOffsetTable& master) {
    std::lock_guard lock(mutex_);
    for (const auto& [key, queues] : master.offsets)
        table_.offsets.insert_or_assign(key, queues);
    dirty_ = true;
}

store::ConsumerOffsetTable ConsumerOffsetManager::snapshot() const {
    std::lock_guard lock(mutex_);
    return table_;
}

store::Result<void> ConsumerOffsetManager::persist() {
    store::ConsumerOffsetTable copy;
    {
        std::lock_guard lock(mutex_);
        if (!dirty_) return {};
        copy = table_;
        dirty_ = false;
    }
    auto written = copy.persist(config_dir_);
    if (!written) {
        std::lock_guard lock(mutex_);
        dirty_ = true;  // try again next time
    }
    return written;
}

}  // namespace rmq::broker
