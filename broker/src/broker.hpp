#pragma once
// mqbroker as a class (BrokerController): opens the store, loads topics and subscription groups,
// serves the remoting port, registers with every name server at start, every
// registerNameServerPeriod and after topic changes, and unregisters on shutdown. The processors
// are grouped by concern in the *_processor.cpp files; the services (delayed delivery, the
// transaction check) run on their own threads and stop before the store.
#include <atomic>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "body/data_version.hpp"
#include "body/queue_stats.hpp"
#include "broker_stats.hpp"
#include "client_manager.hpp"
#include "config/command_line.hpp"
#include "config/live_configuration.hpp"
#include "consumer_offset_manager.hpp"
#include "name_server_registrar.hpp"
#include "proto/headers.hpp"
#include "proto/request_code.hpp"
#include "pull_waiters.hpp"
#include "rebalance_lock_manager.hpp"
#include "remoting/server.hpp"
#include "runtime_info.hpp"
#include "schedule_service.hpp"
#include "send_request.hpp"
#include "store/message_store.hpp"
#include "subscription_group_manager.hpp"
#include "topic_config_manager.hpp"
#include "transaction_check_service.hpp"

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
    bool broker_fast_failure_enable = true;
    int64_t wait_time_mills_in_send_queue = 200;
    bool reject_transaction_message = false;
};

class Broker {
  public:
    /// `startup` is what the command line and -c file produced (config::parse_broker_command_line).
    explicit Broker(config::BrokerStartup startup);
    ~Broker();

    bool start(std::string& error);
    /// Unregisters, stops serving (in-flight requests finish), shuts the store down cleanly.
    void shutdown();

    uint16_t port() const;
    const std::string& broker_addr() const { return identity_.broker_addr; }
    TopicConfigManager& topics() { return *topics_; }
    /// Registers with every name server now (tests, and after changes).
    size_t register_now();

  private:
    /// A handler that answers at once (no awaiting) from the request alone.
    using SyncHandler = std::function<remoting::RemotingCommand(const remoting::RemotingCommand&)>;
    void add_sync_processor(proto::RequestCode code, SyncHandler handler);
    void register_processors();
    /// Why UPDATE_AND_CREATE_TOPIC / DELETE_TOPIC_IN_BROKER may not touch `topic`, if they may not.
    std::optional<std::string> topic_admin_refusal(const std::string& topic, bool slave) const;
    RequestSettings request_settings() const;
    void register_query_processors();
    void register_send_processors();
    void register_offset_processors();
    void register_pull_processor();
    void register_query_processors_for_messages();
    void register_send_back_processor();
    /// END_TRANSACTION: a half message committed (copied to its real topic) or rolled back.
    void register_end_transaction_processor();
    boost::asio::awaitable<std::optional<remoting::RemotingCommand>> handle_end_transaction(
        const remoting::RemotingCommand& request);
    /// TransactionalMessageCheckService on a master: unresolved half messages checked with their
    /// producers every transactionCheckInterval.
    void start_transaction_check_service();
    /// CONSUMER_SEND_MSG_BACK: a failed message to %RETRY%<group> (delayed) or %DLQ%<group>.
    boost::asio::awaitable<remoting::RemotingCommand> handle_send_back(
        const remoting::RemotingCommand& request);
    boost::asio::awaitable<remoting::RemotingCommand> handle_pull(
        remoting::RequestContext& ctx, const remoting::RemotingCommand& request);
    /// PULL_OFFSET_MOVED on a master: an OFFSET_MOVED_EVENT message records the correction.
    void record_offset_moved(const proto::PullMessageRequestHeader& pull, int64_t next_offset);
    /// Whether a queue's first message is "in disk" (Java's checkInDiskByConsumeOffset at 0).
    bool queue_start_in_disk(const std::string& topic, int32_t queue_id) const;
    boost::asio::awaitable<remoting::RemotingCommand> handle_send(
        remoting::RequestContext& ctx, const remoting::RemotingCommand& request);
    boost::asio::awaitable<remoting::RemotingCommand> send_batch(
        const remoting::RemotingCommand& request, message::MessageExt header_msg,
        const RequestSettings& settings);
    /// A %RETRY% message past its reconsume limit is redirected to the group's DLQ; an answer
    /// when the send must be refused.
    std::optional<remoting::RemotingCommand> route_retry_message(
        const remoting::RemotingCommand& request, const SendRequest& send,
        message::MessageExt& msg);
    remoting::RemotingCommand send_response(const remoting::RemotingCommand& request,
                                            const store::PutMessageResult& result, int32_t queue_id,
                                            const RequestSettings& settings);
    /// Sends `forwarded` to the consumer `client_id` of `group` and answers `request` with its
    /// answer (GET_CONSUMER_RUNNING_INFO, CONSUME_MESSAGE_DIRECTLY; Broker2Client.callClient).
    boost::asio::awaitable<std::optional<remoting::RemotingCommand>> relay_to_consumer(
        const remoting::RemotingCommand& request, remoting::RemotingCommand forwarded,
        std::string group, std::string client_id);
    void register_consumer_admin_processors();
    /// LOCK_BATCH_MQ, UNLOCK_BATCH_MQ, CHECK_CLIENT_CONFIG.
    void register_lock_processors();
    /// The diagnostics (diagnostic_processor.cpp): VIEW_BROKER_STATS_DATA, CLONE_GROUP_OFFSET,
    /// GET_ALL_DELAY_OFFSET, GET_ALL_PRODUCER_INFO and the clean-up triggers.
    void register_diagnostic_processors();
    /// QUERY_CONSUME_QUEUE, QUERY_CONSUME_TIME_SPAN, QUERY_CORRECTION_OFFSET
    /// (queue_diagnostic_processor.cpp).
    void register_queue_diagnostic_processors();
    /// QUERY_CONSUME_TIME_SPAN: each queue's first, last and consumed store times.
    std::vector<body::QueueTimeSpan> consume_time_spans(const std::string& topic,
                                                        const std::string& group,
                                                        int32_t queue_count) const;
    /// QUERY_CORRECTION_OFFSET: per queue the lowest offset of the topic's other groups.
    std::map<int32_t, int64_t> correction_offsets(const std::string& topic,
                                                  const std::string& compare_group,
                                                  const std::string& filter_groups) const;
    /// QUERY_CONSUME_QUEUE: a consume queue's range and its entries from an index on.
    remoting::RemotingCommand query_consume_queue(const remoting::RemotingCommand& request,
                                                  const proto::QueryConsumeQueueRequestHeader& h);
    /// OffsetWrappers of `group` for the first `queue_count` queues of `topic`.
    void add_consume_stats(body::ConsumeStats& stats, const std::string& group,
                           const std::string& topic, int32_t queue_count) const;
    /// Whether `group` is online but does not subscribe to `topic` (left out of its stats).
    bool consumes_elsewhere(const std::string& group, const std::string& topic) const;
    /// INVOKE_BROKER_TO_RESET_OFFSET: offsets by time, pushed to the group's live consumers.
    remoting::RemotingCommand reset_offset(const remoting::RemotingCommand& request);
    /// INVOKE_BROKER_TO_GET_CONSUMER_STATUS: each consumer's own view of its offsets.
    boost::asio::awaitable<remoting::RemotingCommand> collect_consumer_status(
        const remoting::RemotingCommand& request);
    /// brokerPermission changed at runtime: routes must show it at once.
    void permission_changed(int32_t permission);
    /// Once a second: rate samples, and the daily totals at local midnight.
    void sample_stats();
    /// fetchNamesrvAddrByAddressServer: the list from the address service; true if it changed.
    bool fetch_name_servers();
    DailyTotals daily_totals() const;
    void persist_offsets();
    void register_client_processors();
    void notify_consumer_ids_changed(const std::string& group);
    void registration_loop();
    /// ScheduleService on a master: delayOffset.json loaded and clamped, levels running.
    bool start_schedule_service(std::string& error);
    void topics_changed();

    config::BrokerStartup startup_;
    /// The settings as UPDATE_BROKER_CONFIG changes them; startup_ keeps what start() used.
    std::unique_ptr<config::LiveConfiguration<config::BrokerStartup>> live_config_;
    int64_t boot_timestamp_ms_ = 0;
    std::string address_service_url_;  // set when name servers come from the address service
    BrokerIdentity identity_;
    message::HostAddress store_host_;  // brokerIP1:listenPort, written into every record
    std::unique_ptr<store::MessageStore> store_;
    std::unique_ptr<TopicConfigManager> topics_;
    std::unique_ptr<SubscriptionGroupManager> groups_;
    std::unique_ptr<ConsumerOffsetManager> offsets_;
    std::unique_ptr<ScheduleService> schedule_;  // delayed delivery; null on a slave
    std::unique_ptr<TransactionCheckService> transaction_check_;  // null on a slave
    PullWaiters pull_waiters_;
    std::unique_ptr<BrokerStats> traffic_;  // VIEW_BROKER_STATS_DATA's counters
    RebalanceLockManager locks_;
    std::unique_ptr<NameServerRegistrar> registrar_;
    std::unique_ptr<ClientManager> clients_ = std::make_unique<ClientManager>();
    std::unique_ptr<remoting::RemotingServer> server_;
    std::mutex mutex_;
    std::condition_variable cv_;
    bool stopping_ = false;
    mutable std::mutex daily_mutex_;
    DailyTotals daily_;
    int daily_day_ = -1;  // local day of the year the morning totals belong to
    std::thread registration_thread_;
};

}  // namespace rmq::broker
