#pragma once
// The broker's topics (TopicConfigManager, spec/behaviours.md §2.1–2.2, store-format.md §7.1):
// the built-in topics, topics.json on top of them, creation and update by admins, automatic
// creation from TBW102 on a send, retry and dead-letter topics. Every change bumps the data
// version and has topics.json rewritten by the MetadataWriter (off the caller's thread once the
// broker runs); the caller then re-registers with the name servers.
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>

#include "metadata/metadata_writer.hpp"
#include "store/metadata/topic_config.hpp"

namespace rmq::broker {

struct TopicSettings {
    std::string cluster_name = "DefaultCluster";
    std::string broker_name = "broker-a";
    bool auto_create_topic_enable = true;
    int32_t default_topic_queue_nums = 8;
    bool cluster_topic_enable = true;
    bool broker_topic_enable = true;
    bool trace_topic_enable = false;
    std::string msg_trace_topic_name = "RMQ_SYS_TRACE_TOPIC";
    std::filesystem::path config_dir;  // <storePathRootDir>/config
};

class TopicConfigManager {
  public:
    using TopicConfig = store::TopicConfig;

    explicit TopicConfigManager(TopicSettings settings);

    /// The built-in topics, then topics.json (or its .bak) on top; an unreadable file is an error
    /// naming it.
    store::Result<void> load();

    std::optional<TopicConfig> find(std::string_view topic) const;
    /// Built-in system topics plus the cluster, broker, trace and reply topics of this broker.
    bool is_system_topic(std::string_view topic) const;

    /// UPDATE_AND_CREATE_TOPIC (the caller validated the name).
    void create_or_update(TopicConfig config);
    /// DELETE_TOPIC_IN_BROKER; false when the topic was not there.
    bool erase(std::string_view topic);

    /// A send to an unknown topic (§2.2): from the default topic's template when it may be
    /// inherited, as a 1-queue topic for %RETRY% names; nullopt when the topic may not be created.
    std::optional<TopicConfig> create_in_send(std::string_view topic,
                                              std::string_view default_topic,
                                              int32_t client_default_queue_nums,
                                              int32_t topic_sys_flag);
    /// Retry and dead-letter topics (CONSUMER_SEND_MSG_BACK, HEART_BEAT): created if missing;
    /// `*created` (when given) tells whether it was, as the caller must then re-register with
    /// the name servers (Java's createTopicInSendMessageBackMethod → registerBrokerAll).
    TopicConfig create_in_send_back(std::string_view topic, int32_t queue_nums, int32_t perm,
                                    int32_t topic_sys_flag, bool* created = nullptr);

    /// Marks the topics the name server lists in ORDER_TOPIC_CONFIG as ordered, others not.
    void update_order_topics(const std::set<std::string>& ordered);

    /// A copy of the whole table with its data version (registration, GET_ALL_TOPIC_CONFIG).
    store::TopicConfigTable snapshot() const;
    store::DataVersion data_version() const;
    /// A slave's copy of its master's table (SlaveSynchronize.syncTopicConfig): replaces the
    /// whole table and adopts its data version, unless that version is already ours; true when
    /// it did.
    bool replace_with_master_copy(store::TopicConfigTable table);
    /// A new data version without a table change (the broker's permission changed), so name
    /// servers take the next registration's body.
    void next_data_version();
    /// The system topics this broker created (GET_SYSTEM_TOPIC_LIST_FROM_BROKER).
    std::vector<std::string> system_topics() const;

    /// Writes topics.json; the broker runs it in the background.
    MetadataWriter& writer() { return writer_; }

  private:
    void add_builtin_topics();
    void put_builtin(std::string name, int32_t queues, int32_t perm);
    /// create_in_send's table change: the topic, and whether it was created now.
    std::pair<std::optional<TopicConfig>, bool> create_in_send_locked(
        std::string_view topic, std::string_view default_topic, int32_t client_default_queue_nums,
        int32_t topic_sys_flag);

    TopicSettings settings_;
    mutable std::mutex mutex_;
    store::TopicConfigTable table_;
    std::set<std::string, std::less<>> system_topics_;
    MetadataWriter writer_{"topics.json",
                           [this] { return snapshot().persist(settings_.config_dir); }};
};

}  // namespace rmq::broker
