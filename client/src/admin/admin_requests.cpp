#include "admin/admin_requests.hpp"

#include "config/properties_file.hpp"
#include "proto/flags.hpp"
#include "proto/headers.hpp"
#include "proto/request_code.hpp"

namespace rocketmq::detail::admin_requests {

namespace config = rmq::config;
namespace proto = rmq::proto;
using proto::RequestCode;

namespace {

RemotingCommand make(RequestCode code) {
    return RemotingCommand::request(proto::to_int(code));
}

template <class Header>
RemotingCommand make(RequestCode code, const Header& header) {
    auto request = make(code);
    request.set_header(header);
    return request;
}

}  // namespace

RemotingCommand cluster_info() {
    return make(RequestCode::GET_BROKER_CLUSTER_INFO);
}

RemotingCommand route(const std::string& topic) {
    proto::GetRouteInfoRequestHeader h;
    h.topic = topic;
    return make(RequestCode::GET_ROUTEINFO_BY_TOPIC, h);
}

RemotingCommand all_topics() {
    return make(RequestCode::GET_ALL_TOPIC_LIST_FROM_NAMESERVER);
}

RemotingCommand delete_topic_in_namesrv(const std::string& topic, const std::string& cluster) {
    proto::DeleteTopicFromNamesrvRequestHeader h;
    h.topic = topic;
    if (!cluster.empty()) h.clusterName = cluster;
    return make(RequestCode::DELETE_TOPIC_IN_NAMESRV, h);
}

RemotingCommand put_kv(const std::string& ns, const std::string& key, const std::string& value) {
    proto::PutKVConfigRequestHeader h;
    h.ns = ns;
    h.key = key;
    h.value = value;
    return make(RequestCode::PUT_KV_CONFIG, h);
}

RemotingCommand get_kv(const std::string& ns, const std::string& key) {
    proto::GetKVConfigRequestHeader h;
    h.ns = ns;
    h.key = key;
    return make(RequestCode::GET_KV_CONFIG, h);
}

RemotingCommand delete_kv(const std::string& ns, const std::string& key) {
    proto::DeleteKVConfigRequestHeader h;
    h.ns = ns;
    h.key = key;
    return make(RequestCode::DELETE_KV_CONFIG, h);
}

RemotingCommand wipe_write_perm(const std::string& broker_name) {
    proto::WipeWritePermOfBrokerRequestHeader h;
    h.brokerName = broker_name;
    return make(RequestCode::WIPE_WRITE_PERM_OF_BROKER, h);
}

RemotingCommand create_topic(const body::TopicConfig& config) {
    proto::CreateTopicRequestHeader h;
    h.topic = config.topic_name;
    h.defaultTopic = "TBW102";  // TopicValidator.AUTO_CREATE_TOPIC_KEY_TOPIC, informational
    h.readQueueNums = config.read_queue_nums;
    h.writeQueueNums = config.write_queue_nums;
    h.perm = config.perm;
    h.topicFilterType = std::string(body::topic_filter_type_name(config.topic_filter_type));
    h.topicSysFlag = config.topic_sys_flag;
    h.order = config.order;
    return make(RequestCode::UPDATE_AND_CREATE_TOPIC, h);
}

RemotingCommand delete_topic_in_broker(const std::string& topic) {
    proto::DeleteTopicRequestHeader h;
    h.topic = topic;
    return make(RequestCode::DELETE_TOPIC_IN_BROKER, h);
}

RemotingCommand create_subscription_group(const body::SubscriptionGroupConfig& config) {
    auto request = make(RequestCode::UPDATE_AND_CREATE_SUBSCRIPTIONGROUP);
    request.body = config.encode();
    return request;
}

RemotingCommand delete_subscription_group(const std::string& group, bool remove_offset) {
    proto::DeleteSubscriptionGroupRequestHeader h;
    h.groupName = group;
    h.removeOffset = remove_offset;
    return make(RequestCode::DELETE_SUBSCRIPTIONGROUP, h);
}

RemotingCommand broker_config() {
    return make(RequestCode::GET_BROKER_CONFIG);
}

RemotingCommand update_broker_config(
    const std::vector<std::pair<std::string, std::string>>& entries) {
    auto request = make(RequestCode::UPDATE_BROKER_CONFIG);
    request.body = config::write_properties(entries);
    return request;
}

RemotingCommand runtime_info() {
    return make(RequestCode::GET_BROKER_RUNTIME_INFO);
}

RemotingCommand topic_stats(const std::string& topic) {
    proto::GetTopicStatsInfoRequestHeader h;
    h.topic = topic;
    return make(RequestCode::GET_TOPIC_STATS_INFO, h);
}

RemotingCommand consumed_by(const std::string& topic) {
    proto::QueryTopicConsumeByWhoRequestHeader h;
    h.topic = topic;
    return make(RequestCode::QUERY_TOPIC_CONSUME_BY_WHO, h);
}

RemotingCommand consumer_connection(const std::string& group) {
    proto::GetConsumerConnectionListRequestHeader h;
    h.consumerGroup = group;
    return make(RequestCode::GET_CONSUMER_CONNECTION_LIST, h);
}

RemotingCommand producer_connection(const std::string& group) {
    proto::GetProducerConnectionListRequestHeader h;
    h.producerGroup = group;
    return make(RequestCode::GET_PRODUCER_CONNECTION_LIST, h);
}

RemotingCommand min_offset(const std::string& topic, int32_t queue_id) {
    proto::GetMinOffsetRequestHeader h;
    h.topic = topic;
    h.queueId = queue_id;
    return make(RequestCode::GET_MIN_OFFSET, h);
}

RemotingCommand max_offset(const std::string& topic, int32_t queue_id) {
    proto::GetMaxOffsetRequestHeader h;
    h.topic = topic;
    h.queueId = queue_id;
    return make(RequestCode::GET_MAX_OFFSET, h);
}

RemotingCommand search_offset(const std::string& topic, int32_t queue_id, int64_t timestamp) {
    proto::SearchOffsetRequestHeader h;
    h.topic = topic;
    h.queueId = queue_id;
    h.timestamp = timestamp;
    return make(RequestCode::SEARCH_OFFSET_BY_TIMESTAMP, h);
}

RemotingCommand consume_stats(const std::string& group, const std::optional<std::string>& topic) {
    proto::GetConsumeStatsRequestHeader h;
    h.consumerGroup = group;
    h.topic = topic;
    return make(RequestCode::GET_CONSUME_STATS, h);
}

RemotingCommand broker_consume_stats(bool order) {
    proto::GetConsumeStatsInBrokerHeader h;
    h.isOrder = order;
    return make(RequestCode::GET_BROKER_CONSUME_STATS, h);
}

RemotingCommand reset_offset(const std::string& topic, const std::string& group, int64_t timestamp,
                             bool force, bool cpp) {
    proto::ResetOffsetRequestHeader h;
    h.topic = topic;
    h.group = group;
    h.timestamp = timestamp;
    h.isForce = force;
    auto request = make(RequestCode::INVOKE_BROKER_TO_RESET_OFFSET, h);
    if (cpp) request.language = proto::LanguageCode::CPP;
    return request;
}

RemotingCommand update_consumer_offset(const body::MessageQueue& queue, const std::string& group,
                                       int64_t offset) {
    proto::UpdateConsumerOffsetRequestHeader h;
    h.consumerGroup = group;
    h.topic = queue.topic;
    h.queueId = queue.queue_id;
    h.commitOffset = offset;
    h.bname = queue.broker_name;
    return make(RequestCode::UPDATE_CONSUMER_OFFSET, h);
}

RemotingCommand consumer_running_info(const std::string& group, const std::string& client_id) {
    proto::GetConsumerRunningInfoRequestHeader h;
    h.consumerGroup = group;
    h.clientId = client_id;
    h.jstackEnable = false;
    return make(RequestCode::GET_CONSUMER_RUNNING_INFO, h);
}

RemotingCommand consumer_status(const std::string& topic, const std::string& group,
                                const std::string& client_id) {
    proto::GetConsumerStatusRequestHeader h;
    h.topic = topic;
    h.group = group;
    h.clientAddr = client_id;
    return make(RequestCode::INVOKE_BROKER_TO_GET_CONSUMER_STATUS, h);
}

RemotingCommand view_message(int64_t commit_log_offset) {
    proto::ViewMessageRequestHeader h;
    h.offset = commit_log_offset;
    return make(RequestCode::VIEW_MESSAGE_BY_ID, h);
}

RemotingCommand query_messages(const std::string& topic, const std::string& key, int32_t max_num,
                               int64_t begin, int64_t end, bool unique_key) {
    proto::QueryMessageRequestHeader h;
    h.topic = topic;
    h.key = key;
    h.maxNum = max_num;
    h.beginTimestamp = begin;
    h.endTimestamp = end;
    if (unique_key) h.uniqueKeyQuery = "true";
    return make(RequestCode::QUERY_MESSAGE, h);
}

RemotingCommand pull(const std::string& topic, int32_t queue_id, int64_t offset, int32_t max_nums,
                     const std::string& tag_expression) {
    proto::PullMessageRequestHeader h;
    h.consumerGroup = "TOOLS_CONSUMER";
    h.topic = topic;
    h.queueId = queue_id;
    h.queueOffset = offset;
    h.maxMsgNums = max_nums;
    h.sysFlag = proto::pull_sys_flag::kSubscription;
    h.commitOffset = 0;
    h.suspendTimeoutMillis = 0;
    h.subscription = tag_expression;
    h.subVersion = 0;
    h.expressionType = "TAG";
    return make(RequestCode::PULL_MESSAGE, h);
}

RemotingCommand broker_stats(const std::string& stats_name, const std::string& stats_key) {
    proto::ViewBrokerStatsDataRequestHeader h;
    h.statsName = stats_name;
    h.statsKey = stats_key;
    return make(RequestCode::VIEW_BROKER_STATS_DATA, h);
}

RemotingCommand consume_queue(const std::string& topic, int32_t queue_id, int64_t index,
                              int32_t count, const std::optional<std::string>& group) {
    proto::QueryConsumeQueueRequestHeader h;
    h.topic = topic;
    h.queueId = queue_id;
    h.index = index;
    h.count = count;
    h.consumerGroup = group;
    return make(RequestCode::QUERY_CONSUME_QUEUE, h);
}

}  // namespace rocketmq::detail::admin_requests
