#pragma once
// What the broker's request handlers and services share: the store, the metadata managers, the
// clients, the settings and the statistics. `Broker` owns one and serves it over the network; a
// unit test opens one on a temporary directory and calls handlers on it without sockets.
#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "clients/client_manager.hpp"
#include "clients/rebalance_lock_manager.hpp"
#include "common/expected.hpp"
#include "config/command_line.hpp"
#include "config/live_configuration.hpp"
#include "core/broker_stats.hpp"
#include "core/name_server_registrar.hpp"
#include "core/runtime_info.hpp"
#include "filter/sql_filter.hpp"
#include "ha/replication.hpp"
#include "message/message.hpp"
#include "metadata/consumer_offset_manager.hpp"
#include "metadata/subscription_group_manager.hpp"
#include "metadata/topic_config_manager.hpp"
#include "pull/promotion_fence.hpp"
#include "pull/pull_waiters.hpp"
#include "schedule/schedule_service.hpp"
#include "store/message_store.hpp"
#include "timer/timer_rules.hpp"
#include "timer/timer_service.hpp"
#include "transaction/transaction_check_service.hpp"

namespace rmq::broker {

/// The few live settings each send or pull consults (read once per request, under one lock).
struct RequestSettings {
    int32_t broker_permission = 6;
    std::string broker_ip1;
    std::string cluster_name;
    std::string region_id;
    bool trace_on = true;
    int64_t start_accept_send_request_time_stamp = 0;
    bool long_polling_enable = true;
    int64_t short_polling_time_mills = 1000;
    bool slave_read_enable = false;
    bool enable_property_filter = false;
    bool broker_fast_failure_enable = true;
    int64_t wait_time_mills_in_send_queue = 200;
    bool reject_transaction_message = false;
    bool store_reply_message_enable = true;
    timer::TimerSettings timers;
};

struct BrokerContext {
    /// Opens the store (not yet started) and loads topics, groups and consumer offsets from the
    /// store's config directory; the error names what failed.
    static common::Result<std::unique_ptr<BrokerContext>> open(config::BrokerStartup startup);

    /// What start-up used; live_config holds the settings as UPDATE_BROKER_CONFIG changes them.
    config::BrokerStartup startup;
    std::unique_ptr<config::LiveConfiguration<config::BrokerStartup>> live_config;
    BrokerIdentity identity;
    message::HostAddress store_host;  // brokerIP1:listenPort, written into every record
    int64_t boot_timestamp_ms = 0;

    std::unique_ptr<store::MessageStore> store;
    std::unique_ptr<TopicConfigManager> topics;
    std::unique_ptr<SubscriptionGroupManager> groups;
    std::unique_ptr<ConsumerOffsetManager> offsets;
    // Both exist on every broker once it started; a slave starts them when promoted.
    std::unique_ptr<ScheduleService> schedule;
    std::unique_ptr<TransactionCheckService> transaction_check;
    std::unique_ptr<timer::TimerService> timers;
    PullWaiters pull_waiters;
    filter::SelectorCache selectors;       // SQL92 subscriptions, compiled once
    PromotionFence promotion_fence;        // armed when this broker becomes a master by promotion
    std::unique_ptr<BrokerStats> traffic;  // VIEW_BROKER_STATS_DATA's counters
    RebalanceLockManager locks;
    std::unique_ptr<ClientManager> clients = std::make_unique<ClientManager>();
    std::unique_ptr<NameServerRegistrar> registrar;  // null until the port is known
    std::unique_ptr<Replication> replication;        // set before the store starts

    /// The role now: a slave may have been promoted since start-up.
    bool is_slave() const { return store->role() == store::BrokerRole::slave; }
    /// A switch-over (UPDATE_BROKER_CONFIG brokerRole): this broker becomes a master in `role`,
    /// or a master changes between ASYNC_MASTER and SYNC_MASTER. Set by the running broker.
    std::function<common::Result<void>(store::BrokerRole role)> promote;
    RequestSettings request_settings() const;

    /// A topic was created or changed: the name servers learn it now (oneway), not at the next
    /// periodic registration.
    void topics_changed();
    /// brokerPermission changed at runtime: routes must show it at once.
    void permission_changed(int32_t permission);
    /// NOTIFY_CONSUMER_IDS_CHANGED (oneway) to every member of `group`, unless disabled.
    void notify_consumer_ids_changed(const std::string& group);

    /// Rate samples, and the daily totals rolled at local midnight (called once a second).
    void sample_stats();
    DailyTotals daily_totals() const;

  private:
    BrokerContext() = default;
    mutable std::mutex daily_mutex_;
    DailyTotals daily_;
    int daily_day_ = -1;  // local day of the year the morning totals belong to
};

}  // namespace rmq::broker
