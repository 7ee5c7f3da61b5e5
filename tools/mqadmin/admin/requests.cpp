#include "admin/requests.hpp"

#include "config/properties_file.hpp"
#include "proto/headers.hpp"
#include "proto/request_code.hpp"

namespace rmq::mqadmin::requests {

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

}  // namespace rmq::mqadmin::requests
