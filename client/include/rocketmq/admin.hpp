#pragma once
// The admin API: what RocketMQ's MQAdminExt does, as awaitables. Topics, subscription groups,
// broker configuration, key-value entries on the name servers, routes and cluster info,
// offsets, consume progress, stored messages and broker statistics. `mqadmin` is a command
// line over this class.
//
// Answers come back as the protocol's own bodies (rmq::body::ClusterInfo, TopicRouteData,
// ConsumeStats, …: RocketMQ's Java classes of the same names, field for field), installed with
// the package under include/rocketmq/internal.
//
// Every operation is one request to a name server or to the broker address given, within
// ClientOptions::client_api_timeout; a refusal is an Error carrying the response code, the
// remark and the address. Like the other clients, an Admin runs on the io_context behind the
// executor it is given, or on its own thread.
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_future.hpp>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "body/broker_stats_data.hpp"
#include "body/cluster_info.hpp"
#include "body/connection.hpp"
#include "body/consume_stats_list.hpp"
#include "body/consumer_running_info.hpp"
#include "body/kv_table.hpp"
#include "body/query_consume_queue.hpp"
#include "body/queue_stats.hpp"
#include "body/reset_offset.hpp"
#include "body/subscription_group_config.hpp"
#include "body/topic_config.hpp"
#include "body/topic_list.hpp"
#include "body/topic_route_data.hpp"
#include "message/message.hpp"
#include "rocketmq/options.hpp"
#include "rocketmq/result.hpp"
#include "rocketmq/trace.hpp"

namespace rocketmq {

namespace asio = boost::asio;

/// The name-server namespace of ordered topics' queue layout (NamesrvUtil's
/// ORDER_TOPIC_CONFIG).
inline constexpr const char* kOrderTopicNamespace = "ORDER_TOPIC_CONFIG";
/// The group tools pull and query as (MixAll.TOOLS_CONSUMER_GROUP).
inline constexpr const char* kToolsConsumerGroup = "TOOLS_CONSUMER";

/// A pull's outcome as Java's PullStatus names it.
enum class AdminPullStatus { found, no_new_msg, no_matched_msg, offset_illegal };
/// FOUND, NO_NEW_MSG, NO_MATCHED_MSG or OFFSET_ILLEGAL.
const char* to_string(AdminPullStatus status) noexcept;

struct AdminPullResult {
    AdminPullStatus status = AdminPullStatus::no_new_msg;
    int64_t next_begin_offset = 0;
    int64_t min_offset = 0;
    int64_t max_offset = 0;
    std::vector<rmq::message::MessageExt> messages;
};

using BrokerProperties = std::vector<std::pair<std::string, std::string>>;

namespace detail {
class AdminImpl;
}

class Admin {
  public:
    /// Name servers come from ClientOptions::namesrv_addr, else rocketmq.namesrv.addr, else
    /// NAMESRV_ADDR. Operations addressed to a broker need none.
    Admin(asio::any_io_executor executor, ClientOptions options = {});
    explicit Admin(ClientOptions options = {});
    ~Admin();
    Admin(const Admin&) = delete;
    Admin& operator=(const Admin&) = delete;

    const std::vector<std::string>& name_servers() const;
    asio::any_io_executor executor() const;

    /// Runs one of this object's operations and waits for it: for threaded code and tools.
    /// Never call it on the Admin's own executor thread (that yields ErrorKind::invalid_state).
    template <class T>
    Result<T> blocking(asio::awaitable<Result<T>> operation) {
        if (running_on_own_executor())
            return Error{ErrorKind::invalid_state,
                         -1,
                         {},
                         {},
                         "a blocking admin call was made on the admin's own executor thread"};
        return asio::co_spawn(executor(), std::move(operation), asio::use_future).get();
    }

    // ---- name servers (the first that answers; the next is tried only when one cannot be
    // reached, never after a refusal)
    asio::awaitable<Result<rmq::body::ClusterInfo>> cluster_info();
    asio::awaitable<Result<rmq::body::TopicRouteData>> topic_route(std::string topic);
    asio::awaitable<Result<rmq::body::TopicList>> topic_list();
    /// DELETE_TOPIC_IN_NAMESRV to one name server; `cluster` empty removes every cluster's queues.
    asio::awaitable<Result<void>> delete_topic_in_name_server(std::string name_server,
                                                              std::string topic,
                                                              std::string cluster);
    /// PUT_KV_CONFIG to every name server; the last refusal if any refused.
    asio::awaitable<Result<void>> put_kv(std::string ns, std::string key, std::string value);
    asio::awaitable<Result<void>> delete_kv(std::string ns, std::string key);
    /// nullopt when no name server has the entry.
    asio::awaitable<Result<std::optional<std::string>>> get_kv(std::string ns, std::string key);
    /// WIPE_WRITE_PERM_OF_BROKER on one name server: how many topics lost write permission.
    asio::awaitable<Result<int32_t>> wipe_write_perm(std::string name_server,
                                                     std::string broker_name);

    // ---- broker administration
    asio::awaitable<Result<void>> create_topic(std::string broker, rmq::body::TopicConfig config);
    asio::awaitable<Result<void>> delete_topic_in_broker(std::string broker, std::string topic);
    asio::awaitable<Result<void>> create_subscription_group(
        std::string broker, rmq::body::SubscriptionGroupConfig config);
    asio::awaitable<Result<void>> delete_subscription_group(std::string broker, std::string group,
                                                            bool remove_offset);
    /// The broker's properties in the order it sent them.
    asio::awaitable<Result<BrokerProperties>> broker_config(std::string broker);
    asio::awaitable<Result<void>> update_broker_config(std::string broker,
                                                       BrokerProperties entries);
    asio::awaitable<Result<rmq::body::KVTable>> runtime_info(std::string broker);
    asio::awaitable<Result<rmq::body::TopicStatsTable>> topic_stats(std::string broker,
                                                                    std::string topic);
    asio::awaitable<Result<rmq::body::GroupList>> consumed_by(std::string broker,
                                                              std::string topic);
    asio::awaitable<Result<rmq::body::ConsumerConnection>> consumer_connection(std::string broker,
                                                                               std::string group);
    asio::awaitable<Result<rmq::body::ProducerConnection>> producer_connection(std::string broker,
                                                                               std::string group);

    // ---- offsets and consume progress
    asio::awaitable<Result<int64_t>> min_offset(std::string broker, std::string topic,
                                                int32_t queue_id);
    asio::awaitable<Result<int64_t>> max_offset(std::string broker, std::string topic,
                                                int32_t queue_id);
    asio::awaitable<Result<int64_t>> search_offset(std::string broker, std::string topic,
                                                   int32_t queue_id, int64_t timestamp);
    /// GET_CONSUME_STATS of a group (one topic's queues when `topic` is given).
    asio::awaitable<Result<rmq::body::ConsumeStats>> consume_stats(
        std::string broker, std::string group, std::optional<std::string> topic = std::nullopt);
    /// GET_BROKER_CONSUME_STATS: every group's consume stats on the broker.
    asio::awaitable<Result<rmq::body::ConsumeStatsList>> broker_consume_stats(std::string broker,
                                                                              bool order);
    /// INVOKE_BROKER_TO_RESET_OFFSET: the offsets the broker decided and pushed to the group's
    /// consumers; nullopt when none is online (CONSUMER_NOT_ONLINE). `cpp` asks as a C++
    /// client does, so offsets go to consumers in the list form.
    asio::awaitable<Result<std::optional<rmq::body::ResetOffsetBody>>> reset_offset(
        std::string broker, std::string topic, std::string group, int64_t timestamp, bool force,
        bool cpp = false);
    /// UPDATE_CONSUMER_OFFSET, answered.
    asio::awaitable<Result<void>> update_consumer_offset(std::string broker,
                                                         rmq::body::MessageQueue queue,
                                                         std::string group, int64_t offset);
    /// GET_CONSUMER_RUNNING_INFO relayed by the broker to the consumer `client_id`.
    asio::awaitable<Result<rmq::body::ConsumerRunningInfo>> consumer_running_info(
        std::string broker, std::string group, std::string client_id);
    /// INVOKE_BROKER_TO_GET_CONSUMER_STATUS: the offsets each live consumer of the group
    /// reports (only `client_id`'s when not empty).
    asio::awaitable<Result<rmq::body::GetConsumerStatusBody>> consumer_status(
        std::string broker, std::string topic, std::string group, std::string client_id);

    // ---- stored messages and statistics
    /// VIEW_MESSAGE_BY_ID: the record at a commit-log offset.
    asio::awaitable<Result<rmq::message::MessageExt>> view_message(std::string broker,
                                                                   int64_t commit_log_offset);
    /// QUERY_MESSAGE by key (or by UNIQ_KEY when `unique_key`); empty when nothing matched.
    asio::awaitable<Result<std::vector<rmq::message::MessageExt>>> query_messages(
        std::string broker, std::string topic, std::string key, int32_t max_num, int64_t begin,
        int64_t end, bool unique_key);
    /// queryMsgTraceById: the trace records of message `msg_id` (its UNIQ_KEY), found by
    /// QUERY_MESSAGE on every broker of the trace topic's route (64 trace messages each, as
    /// Java's tool asks), ordered by when the trace messages were stored.
    asio::awaitable<Result<std::vector<TraceView>>> query_trace(
        std::string msg_id, std::string trace_topic = std::string(kDefaultTraceTopic));
    /// One PULL_MESSAGE as kToolsConsumerGroup, with no commit and no long polling.
    asio::awaitable<Result<AdminPullResult>> pull(std::string broker, std::string topic,
                                                  int32_t queue_id, int64_t offset,
                                                  int32_t max_nums,
                                                  std::string tag_expression = "*");
    /// VIEW_BROKER_STATS_DATA of one counter; nullopt when the broker never counted it.
    asio::awaitable<Result<std::optional<rmq::body::BrokerStatsData>>> broker_stats(
        std::string broker, std::string stats_name, std::string stats_key);
    /// QUERY_CONSUME_QUEUE: `count` entries from `index`, with the group's subscription.
    asio::awaitable<Result<rmq::body::QueryConsumeQueueResponseBody>> consume_queue(
        std::string broker, std::string topic, int32_t queue_id, int64_t index, int32_t count,
        std::optional<std::string> group);

  private:
    bool running_on_own_executor() const;
    std::shared_ptr<detail::AdminImpl> impl_;
};

}  // namespace rocketmq
