#pragma once
// The requests mqadmin sends, built apart from sending so tests can hold them against the
// frames Java's mqadmin put on the wire (code, version, language and extFields).
#include <string>
#include <utility>
#include <vector>

#include "body/subscription_group_config.hpp"
#include "body/topic_config.hpp"
#include "remoting/command.hpp"

namespace rmq::mqadmin::requests {

using remoting::RemotingCommand;

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

}  // namespace rmq::mqadmin::requests
