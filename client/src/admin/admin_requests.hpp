#pragma once
// The requests the admin API sends, built apart from sending so tests can hold them against
// the frames Java's mqadmin put on the wire (code, version, language and extFields).
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "body/message_queue.hpp"
#include "body/subscription_group_config.hpp"
#include "body/topic_config.hpp"
#include "remoting/command.hpp"

namespace rocketmq::detail::admin_requests {

namespace body = rmq::body;
using rmq::remoting::RemotingCommand;

// ---- name server
RemotingCommand cluster_info();
RemotingCommand route(const std::string& topic);
RemotingCommand all_topics();
/// `cluster` empty: no clusterName field (every cluster's queue data go).
RemotingCommand delete_topic_in_namesrv(const std::string& topic, const std::string& cluster);
RemotingCommand put_kv(const std::string& ns, const std::string& key, const std::string& value);
RemotingCommand get_kv(const std::string& ns, const std::string& key);
RemotingCommand delete_kv(const std::string& ns, const std::string& key);
RemotingCommand wipe_write_perm(const std::string& broker_name);

// ---- broker
RemotingCommand create_topic(const body::TopicConfig& config);
RemotingCommand delete_topic_in_broker(const std::string& topic);
RemotingCommand create_subscription_group(const body::SubscriptionGroupConfig& config);
RemotingCommand delete_subscription_group(const std::string& group, bool remove_offset);
RemotingCommand broker_config();
RemotingCommand update_broker_config(
    const std::vector<std::pair<std::string, std::string>>& entries);
RemotingCommand runtime_info();
RemotingCommand topic_stats(const std::string& topic);
RemotingCommand consumed_by(const std::string& topic);
RemotingCommand consumer_connection(const std::string& group);
RemotingCommand producer_connection(const std::string& group);

// ---- offsets, consume progress, stored messages
RemotingCommand min_offset(const std::string& topic, int32_t queue_id);
RemotingCommand max_offset(const std::string& topic, int32_t queue_id);
RemotingCommand search_offset(const std::string& topic, int32_t queue_id, int64_t timestamp);
RemotingCommand consume_stats(const std::string& group, const std::optional<std::string>& topic);
RemotingCommand broker_consume_stats(bool order);
/// `cpp`: asked as a C++ client, so the broker pushes the offsets in the list form.
RemotingCommand reset_offset(const std::string& topic, const std::string& group, int64_t timestamp,
                             bool force, bool cpp);
RemotingCommand update_consumer_offset(const body::MessageQueue& queue, const std::string& group,
                                       int64_t offset);
RemotingCommand consumer_running_info(const std::string& group, const std::string& client_id);
RemotingCommand consumer_status(const std::string& topic, const std::string& group,
                                const std::string& client_id);
RemotingCommand view_message(int64_t commit_log_offset);
RemotingCommand query_messages(const std::string& topic, const std::string& key, int32_t max_num,
                               int64_t begin, int64_t end, bool unique_key);
/// As TOOLS_CONSUMER, the subscription in the request, no commit and no suspension.
RemotingCommand pull(const std::string& topic, int32_t queue_id, int64_t offset, int32_t max_nums,
                     const std::string& tag_expression);
RemotingCommand broker_stats(const std::string& stats_name, const std::string& stats_key);
RemotingCommand consume_queue(const std::string& topic, int32_t queue_id, int64_t index,
                              int32_t count, const std::optional<std::string>& group);

}  // namespace rocketmq::detail::admin_requests
