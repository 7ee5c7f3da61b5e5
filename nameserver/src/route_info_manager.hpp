#pragma once
// The name server's route registry (RouteInfoManager, spec/behaviours.md §1.1–1.4): clusters,
// brokers with their addresses, each topic's queue data per broker, broker liveness. Everything
// lives in memory behind one reader/writer lock; brokers re-register every 30 s.
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

namespace rmq::nameserver {

/// A broker's version of its topic table; equal versions mean nothing changed.
struct TopicDataVersion {
    int64_t timestamp = 0;
    int64_t counter = 0;
    friend bool operator==(const TopicDataVersion&, const TopicDataVersion&) = default;
};

/// One topic's queues on one broker (QueueData).
struct QueueInfo {
    std::string broker_name;
    int32_t read_queue_nums = 0;
    int32_t write_queue_nums = 0;
    int32_t perm = 0;
    int32_t topic_sys_flag = 0;
    friend bool operator==(const QueueInfo&, const QueueInfo&) = default;
};

/// A broker name's addresses by broker id (BrokerData).
struct BrokerInfo {
    std::string cluster;
    std::string broker_name;
    std::map<int64_t, std::string> addrs;
    friend bool operator==(const BrokerInfo&, const BrokerInfo&) = default;
};

struct TopicQueueConfig {
    std::string topic;
    int32_t read_queue_nums = 16;
    int32_t write_queue_nums = 16;
    int32_t perm = 6;
    int32_t topic_sys_flag = 0;
};

struct Registration {
    std::string cluster;
    std::string broker_addr;
    std::string broker_name;
    int64_t broker_id = 0;
    std::string ha_server_addr;
    TopicDataVersion data_version;
    std::vector<TopicQueueConfig> topics;
    std::vector<std::string> filter_servers;
    /// Identifies the connection the registration came on, so its close removes the broker.
    uint64_t channel_id = 0;
};

/// What a slave learns from its registration: where its master is.
struct RegistrationAnswer {
    std::string master_addr;
    std::string ha_server_addr;
};

struct TopicRoute {
    std::vector<QueueInfo> queues;
    std::vector<BrokerInfo> brokers;
    std::map<std::string, std::vector<std::string>> filter_servers;  // by broker address
};

struct ClusterSnapshot {
    std::map<std::string, BrokerInfo> brokers;              // by broker name
    std::map<std::string, std::set<std::string>> clusters;  // cluster → broker names
};

class RouteInfoManager {
  public:
    using Clock = std::chrono::steady_clock;

    RegistrationAnswer register_broker(const Registration& r, Clock::time_point now = Clock::now());
    /// UNREGISTER_BROKER: the same clean-up as a closed connection, for one address.
    void unregister_broker(std::string_view cluster, std::string_view broker_addr,
                           std::string_view broker_name, int64_t broker_id);
    /// QUERY_DATA_VERSION: whether the stored version differs (or is missing); refreshes the
    /// broker's liveness when it does not. Returns the stored version, if any.
    std::optional<TopicDataVersion> query_data_version(std::string_view broker_addr,
                                                       const TopicDataVersion& version,
                                                       bool& changed,
                                                       Clock::time_point now = Clock::now());

    /// Removes brokers not heard from within `expiry`; returns the removed addresses.
    std::vector<std::string> expire_brokers(std::chrono::milliseconds expiry,
                                            Clock::time_point now = Clock::now());
    /// A connection closed: removes the broker registered on it, if any.
    void channel_closed(uint64_t channel_id);

    std::optional<TopicRoute> topic_route(std::string_view topic) const;
    ClusterSnapshot cluster_info() const;
    std::vector<std::string> all_topics() const;
    std::vector<std::string> topics_of_cluster(std::string_view cluster) const;
    /// Cluster and broker names (system topics), plus an address of some broker.
    std::vector<std::string> system_topics(std::string& some_broker_addr) const;
    /// Topics with the unit flag / the unit-sub flag / unit-sub but not unit.
    std::vector<std::string> unit_topics() const;
    std::vector<std::string> has_unit_sub_topics() const;
    std::vector<std::string> has_unit_sub_ununit_topics() const;

    /// DELETE_TOPIC_IN_NAMESRV; with a cluster, only that cluster's brokers lose the topic.
    void delete_topic(std::string_view topic, std::string_view cluster = {});
    /// Clears PERM_WRITE (wipe) or sets READ|WRITE (add) on the broker's queue data; returns the
    /// number of topics changed.
    int32_t wipe_write_perm(std::string_view broker_name);
    int32_t add_write_perm(std::string_view broker_name);

    size_t live_broker_count() const;

  private:
    struct LiveBroker {
        Clock::time_point last_update;
        TopicDataVersion data_version;
        uint64_t channel_id = 0;
        std::string ha_server_addr;
    };

    void remove_broker_locked(const std::string& broker_addr);
    std::vector<std::string> topics_with_flag_locked(bool (*match)(int32_t)) const;

    mutable std::shared_mutex mutex_;
    std::map<std::string, std::map<std::string, QueueInfo>> topic_queues_;  // topic → broker name
    std::map<std::string, BrokerInfo> brokers_;                             // broker name
    std::map<std::string, std::set<std::string>> clusters_;                 // cluster → names
    std::map<std::string, LiveBroker> live_;                                // broker address
    std::map<std::string, std::vector<std::string>> filter_servers_;        // broker address
};

}  // namespace rmq::nameserver
