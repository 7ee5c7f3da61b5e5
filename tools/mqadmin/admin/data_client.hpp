#pragma once
// The data-plane requests mqadmin's message commands make (sending, pulling, querying stored
// messages, consume progress). Kept apart from AdminClient's admin requests; these reuse its
// connection and its one-line failures but also hand back "not found" answers that are results
// to these commands rather than failures.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "admin/admin_client.hpp"
#include "body/broker_stats_data.hpp"
#include "body/consume_stats_list.hpp"
#include "body/consumer_running_info.hpp"
#include "body/query_consume_queue.hpp"
#include "body/queue_stats.hpp"
#include "body/reset_offset.hpp"
#include "message/message.hpp"

namespace rmq::mqadmin {

/// Java's Long.MAX_VALUE, the end of QUERY_MESSAGE's default time range.
inline constexpr int64_t kJavaLongMax = INT64_MAX;
/// The group the tools pull with (MixAll.TOOLS_CONSUMER_GROUP).
inline constexpr const char* kToolsConsumerGroup = "TOOLS_CONSUMER";

struct SendOutcome {
    std::string msg_id;  // the UNIQ_KEY, which Java's SendResult reports as msgId
    std::string offset_msg_id;
    int32_t queue_id = 0;
    int64_t queue_offset = 0;
};

enum class PullStatus { found, no_new_msg, no_matched_msg, offset_illegal };
/// PullStatus as Java's enum name (FOUND, NO_NEW_MSG, NO_MATCHED_MSG, OFFSET_ILLEGAL).
const char* pull_status_name(PullStatus status);

struct PullOutcome {
    PullStatus status = PullStatus::no_new_msg;
    int64_t next_begin_offset = 0;
    int64_t min_offset = 0;
    int64_t max_offset = 0;
    std::vector<message::MessageExt> messages;
};

class DataClient {
  public:
    explicit DataClient(AdminClient& admin) : admin_(admin) {}

    SendOutcome send(const std::string& broker, const message::Message& msg, int32_t queue_id);
    /// VIEW_MESSAGE_BY_ID: the record at a commit log offset.
    message::MessageExt view(const std::string& broker, int64_t commit_log_offset);
    /// QUERY_MESSAGE; an empty list when the broker found nothing (QUERY_NOT_FOUND).
    std::vector<message::MessageExt> query(const std::string& broker, const std::string& topic,
                                           const std::string& key, int32_t max_num, int64_t begin,
                                           int64_t end, bool unique_key);
    /// PULL_MESSAGE without committing or suspending, subscription "*" unless given.
    PullOutcome pull(const std::string& broker, const std::string& topic, int32_t queue_id,
                     int64_t offset, int32_t max_nums, const std::string& sub_expression = "*");
    int64_t min_offset(const std::string& broker, const std::string& topic, int32_t queue_id);
    int64_t max_offset(const std::string& broker, const std::string& topic, int32_t queue_id);
    int64_t search_offset(const std::string& broker, const std::string& topic, int32_t queue_id,
                          int64_t timestamp);
    body::ConsumeStats consume_stats(const std::string& broker, const std::string& group,
                                     const std::optional<std::string>& topic);
    /// INVOKE_BROKER_TO_RESET_OFFSET: the offsets the broker decided and pushed to the group's
    /// consumers; nullopt when none is online (CONSUMER_NOT_ONLINE).
    std::optional<body::ResetOffsetBody> reset_offset(const std::string& broker,
                                                      const std::string& topic,
                                                      const std::string& group, int64_t timestamp,
                                                      bool force, bool cpp);
    /// UPDATE_CONSUMER_OFFSET, awaited.
    void update_offset(const std::string& broker, const body::MessageQueue& queue,
                       const std::string& group, int64_t offset);
    /// GET_CONSUMER_RUNNING_INFO relayed by `broker` to the consumer `client_id` (no jstack).
    body::ConsumerRunningInfo running_info(const std::string& broker, const std::string& group,
                                           const std::string& client_id);
    /// INVOKE_BROKER_TO_GET_CONSUMER_STATUS: the offsets each live consumer of `group` reports
    /// (only `client_id`'s when not empty).
    body::GetConsumerStatusBody consumer_status(const std::string& broker, const std::string& topic,
                                                const std::string& group,
                                                const std::string& client_id);
    /// GET_BROKER_CONSUME_STATS: every group's consume stats on the broker.
    body::ConsumeStatsList broker_consume_stats(const std::string& broker, bool order);
    /// VIEW_BROKER_STATS_DATA: one counter's minute/hour/day figures; nullopt when the broker
    /// never counted it (SYSTEM_ERROR "The stats <…> <…> not exist").
    std::optional<body::BrokerStatsData> broker_stats(const std::string& broker,
                                                      const std::string& stats_name,
                                                      const std::string& stats_key);
    /// QUERY_CONSUME_QUEUE; fails with the broker's remark when the index does not exist.
    body::QueryConsumeQueueResponseBody consume_queue(const std::string& broker,
                                                      const std::string& topic, int32_t queue_id,
                                                      int64_t index, int32_t count,
                                                      const std::optional<std::string>& group);

  private:
    AdminClient& admin_;
};

}  // namespace rmq::mqadmin
