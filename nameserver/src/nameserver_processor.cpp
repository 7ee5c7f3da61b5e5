#include "nameserver_processor.hpp"

#include "body/cluster_info.hpp"
#include "body/data_version.hpp"
#include "body/java_hash_order.hpp"
#include "body/kv_table.hpp"
#include "body/register_broker_body.hpp"
#include "body/topic_list.hpp"
#include "body/topic_route_data.hpp"
#include "common/log.hpp"
#include "message/checksum.hpp"
#include "proto/headers.hpp"
#include "proto/request_code.hpp"
#include "proto/response_code.hpp"

namespace rmq::nameserver {

namespace {

using proto::RequestCode;
using proto::ResponseCode;
using remoting::RemotingCommand;

constexpr std::string_view kOrderTopicConfigNamespace = "ORDER_TOPIC_CONFIG";
// Java appends the FAQ link to route-not-found remarks; clients print the remark as is.
constexpr std::string_view kFaqTopicNotExist =
    "\nSee http://rocketmq.apache.org/docs/faq/ for further details.";
// Clients at or above V4_0_0_SNAPSHOT's 401 parse routes as standard JSON.
constexpr int32_t kStandardJsonVersion = 401;

/// Java answers from a sorted-by-hash HashMap; mirroring the order makes our lists match.
body::TopicList topic_list_of(std::vector<std::string> topics) {
    body::sort_in_java_hash_order(topics, body::java_hash_map_capacity(topics.size()));
    body::TopicList list;
    list.topic_list = std::move(topics);
    return list;
}

body::BrokerData to_body(const BrokerInfo& b) {
    body::BrokerData d;
    d.cluster = b.cluster;
    d.broker_name = b.broker_name;
    d.broker_addrs = b.addrs;
    return d;
}

}  // namespace

void NameServerProcessor::register_with(remoting::RemotingServer& server) {
    // Java's name server leaves an unknown code unanswered (the caller times out), so every code
    // goes through handle(), which returns nothing for those.
    server.set_default_processor(
        [this](remoting::RequestContext& ctx,
               RemotingCommand& request) -> boost::asio::awaitable<std::optional<RemotingCommand>> {
            co_return handle(request, reinterpret_cast<uintptr_t>(ctx.connection.get()));
        });
}

std::optional<RemotingCommand> NameServerProcessor::handle(const RemotingCommand& request,
                                                           uint64_t channel_id) {
    switch (static_cast<RequestCode>(request.code)) {
        case RequestCode::PUT_KV_CONFIG:
            return put_kv(request);
        case RequestCode::GET_KV_CONFIG:
            return get_kv(request);
        case RequestCode::DELETE_KV_CONFIG:
            return delete_kv(request);
        case RequestCode::GET_KVLIST_BY_NAMESPACE:
            return kv_list(request);
        case RequestCode::REGISTER_BROKER:
            return register_broker(request, channel_id);
        case RequestCode::UNREGISTER_BROKER:
            return unregister_broker(request);
        case RequestCode::QUERY_DATA_VERSION:
            return query_data_version(request);
        case RequestCode::GET_ROUTEINFO_BY_TOPIC:
            return route_info(request);
        case RequestCode::GET_BROKER_CLUSTER_INFO:
            return cluster_info(request);
        case RequestCode::WIPE_WRITE_PERM_OF_BROKER:
            return write_perm(request, true);
        case RequestCode::ADD_WRITE_PERM_OF_BROKER:
            return write_perm(request, false);
        case RequestCode::DELETE_TOPIC_IN_NAMESRV:
            return delete_topic(request);
        case RequestCode::GET_ALL_TOPIC_LIST_FROM_NAMESERVER:
        case RequestCode::GET_TOPICS_BY_CLUSTER:
        case RequestCode::GET_SYSTEM_TOPIC_LIST_FROM_NS:
        case RequestCode::GET_UNIT_TOPIC_LIST:
        case RequestCode::GET_HAS_UNIT_SUB_TOPIC_LIST:
        case RequestCode::GET_HAS_UNIT_SUB_UNUNIT_TOPIC_LIST:
            return topic_list(request);
        case RequestCode::GET_NAMESRV_CONFIG:
            if (!configuration_) break;
            return get_config(request);
        case RequestCode::UPDATE_NAMESRV_CONFIG:
            if (!configuration_) break;
            return update_config(request);
        default:
            break;
    }
    log::warn("namesrv", "unsupported request code " + std::to_string(request.code)
                             + ", left unanswered as Java's name server does");
    return std::nullopt;
}

RemotingCommand NameServerProcessor::get_config(const RemotingCommand& request) {
    auto response = RemotingCommand::response_to(request, ResponseCode::SUCCESS);
    response.body = configuration_->properties_text();
    return response;
}

RemotingCommand NameServerProcessor::update_config(const RemotingCommand& request) {
    const auto black_list = configuration_->snapshot().namesrv.config_black_list;
    auto keys = configuration_->update(request.body, black_list);
    if (!keys)
        return RemotingCommand::response_to(request, keys.error().response_code(),
                                            keys.error().message);
    log::info("namesrv", "configuration updated (" + std::to_string(keys->size()) + " keys)");
    return RemotingCommand::response_to(request, ResponseCode::SUCCESS);
}

RemotingCommand NameServerProcessor::register_broker(const RemotingCommand& request,
                                                     uint64_t channel_id) {
    auto header = request.decode_header<proto::RegisterBrokerRequestHeader>();
    if (!header) return RemotingCommand::response_to(request, header.error());
    if (header->bodyCrc32 != 0 && !request.body.empty()
        && message::body_crc(request.body) != header->bodyCrc32)
        return RemotingCommand::response_to(request, ResponseCode::SYSTEM_ERROR, "crc32 not match");

    Registration r;
    r.cluster = header->clusterName;
    r.broker_addr = header->brokerAddr;
    r.broker_name = header->brokerName;
    r.broker_id = header->brokerId;
    r.ha_server_addr = header->haServerAddr;
    r.channel_id = channel_id;
    if (!request.body.empty()) {
        auto body = body::RegisterBrokerBody::decode(request.body, header->compressed);
        if (!body)
            return RemotingCommand::response_to(
                request, ResponseCode::SYSTEM_ERROR,
                "cannot decode the RegisterBrokerBody: " + body.error().message);
        const auto& wrapper = body->topic_config_serialize_wrapper;
        r.data_version = {wrapper.data_version.timestamp, wrapper.data_version.counter};
        for (const auto& [topic, config] : wrapper.topic_config_table)
            r.topics.push_back({config.topic_name.empty() ? topic : config.topic_name,
                                config.read_queue_nums, config.write_queue_nums, config.perm,
                                config.topic_sys_flag});
        r.filter_servers = body->filter_server_list;
    }
    const auto answer = routes_.register_broker(r);

    auto response = RemotingCommand::response_to(request, ResponseCode::SUCCESS);
    proto::RegisterBrokerResponseHeader out;
    if (!answer.master_addr.empty()) {
        out.masterAddr = answer.master_addr;
        out.haServerAddr = answer.ha_server_addr;
    }
    response.set_header(out);
    if (auto order = kv_.namespace_table(kOrderTopicConfigNamespace)) {
        body::KVTable table;
        for (auto& [k, v] : *order)
            table.table.insert_or_assign(k, v);
        response.body = table.encode();
    }
    return response;
}

RemotingCommand NameServerProcessor::unregister_broker(const RemotingCommand& request) {
    auto header = request.decode_header<proto::UnRegisterBrokerRequestHeader>();
    if (!header) return RemotingCommand::response_to(request, header.error());
    routes_.unregister_broker(header->clusterName, header->brokerAddr, header->brokerName,
                              header->brokerId);
    return RemotingCommand::response_to(request, ResponseCode::SUCCESS);
}

RemotingCommand NameServerProcessor::query_data_version(const RemotingCommand& request) {
    auto header = request.decode_header<proto::QueryDataVersionRequestHeader>();
    if (!header) return RemotingCommand::response_to(request, header.error());
    auto version = body::DataVersion::decode(request.body);
    if (!version)
        return RemotingCommand::response_to(
            request, ResponseCode::SYSTEM_ERROR,
            "cannot decode the DataVersion: " + version.error().message);
    bool changed = true;
    auto stored = routes_.query_data_version(header->brokerAddr,
                                             {version->timestamp, version->counter}, changed);
    auto response = RemotingCommand::response_to(request, ResponseCode::SUCCESS);
    proto::QueryDataVersionResponseHeader out;
    out.changed = changed;
    response.set_header(out);
    if (stored) {
        body::DataVersion v;
        v.timestamp = stored->timestamp;
        v.counter = stored->counter;
        response.body = v.encode();
    }
    return response;
}

RemotingCommand NameServerProcessor::route_info(const RemotingCommand& request) {
    auto header = request.decode_header<proto::GetRouteInfoRequestHeader>();
    if (!header) return RemotingCommand::response_to(request, header.error());
    auto route = routes_.topic_route(header->topic);
    if (!route)
        return RemotingCommand::response_to(request, ResponseCode::TOPIC_NOT_EXIST,
                                            "No topic route info in name server for the topic: "
                                                + header->topic + std::string(kFaqTopicNotExist));
    body::TopicRouteData data;
    for (const auto& q : route->queues)
        data.queue_datas.push_back(
            {q.broker_name, q.read_queue_nums, q.write_queue_nums, q.perm, q.topic_sys_flag});
    for (const auto& b : route->brokers)
        data.broker_datas.push_back(to_body(b));
    for (const auto& [addr, servers] : route->filter_servers)
        data.filter_server_table.insert_or_assign(addr, servers);
    if (settings_.order_message_enable)
        data.order_topic_conf = kv_.get(kOrderTopicConfigNamespace, header->topic);
    const bool standard =
        request.version >= kStandardJsonVersion || header->acceptStandardJsonOnly.value_or(false);
    auto response = RemotingCommand::response_to(request, ResponseCode::SUCCESS);
    response.body = data.encode(standard);
    return response;
}

RemotingCommand NameServerProcessor::cluster_info(const RemotingCommand& request) {
    const auto snapshot = routes_.cluster_info();
    body::ClusterInfo info;
    for (const auto& [name, broker] : snapshot.brokers)
        info.broker_addr_table.insert_or_assign(name, to_body(broker));
    for (const auto& [cluster, names] : snapshot.clusters)
        info.cluster_addr_table.insert_or_assign(
            cluster, std::vector<std::string>(names.begin(), names.end()));
    auto response = RemotingCommand::response_to(request, ResponseCode::SUCCESS);
    response.body = info.encode();
    return response;
}

RemotingCommand NameServerProcessor::topic_list(const RemotingCommand& request) {
    body::TopicList list;
    switch (static_cast<RequestCode>(request.code)) {
        case RequestCode::GET_TOPICS_BY_CLUSTER: {
            auto header = request.decode_header<proto::GetTopicsByClusterRequestHeader>();
            if (!header) return RemotingCommand::response_to(request, header.error());
            list = topic_list_of(routes_.topics_of_cluster(header->cluster));
            break;
        }
        case RequestCode::GET_SYSTEM_TOPIC_LIST_FROM_NS: {
            std::string addr;
            list.topic_list = routes_.system_topics(addr);
            if (!addr.empty()) list.broker_addr = addr;
            break;
        }
        case RequestCode::GET_UNIT_TOPIC_LIST:
            list = topic_list_of(routes_.unit_topics());
            break;
        case RequestCode::GET_HAS_UNIT_SUB_TOPIC_LIST:
            list = topic_list_of(routes_.has_unit_sub_topics());
            break;
        case RequestCode::GET_HAS_UNIT_SUB_UNUNIT_TOPIC_LIST:
            list = topic_list_of(routes_.has_unit_sub_ununit_topics());
            break;
        default:
            list = topic_list_of(routes_.all_topics());
            break;
    }
    auto response = RemotingCommand::response_to(request, ResponseCode::SUCCESS);
    response.body = list.encode();
    return response;
}

RemotingCommand NameServerProcessor::delete_topic(const RemotingCommand& request) {
    auto header = request.decode_header<proto::DeleteTopicFromNamesrvRequestHeader>();
    if (!header) return RemotingCommand::response_to(request, header.error());
    routes_.delete_topic(header->topic, header->clusterName.value_or(""));
    return RemotingCommand::response_to(request, ResponseCode::SUCCESS);
}

RemotingCommand NameServerProcessor::write_perm(const RemotingCommand& request, bool wipe) {
    auto header = request.decode_header<proto::WipeWritePermOfBrokerRequestHeader>();
    if (!header) return RemotingCommand::response_to(request, header.error());
    auto response = RemotingCommand::response_to(request, ResponseCode::SUCCESS);
    if (wipe) {
        proto::WipeWritePermOfBrokerResponseHeader out;
        out.wipeTopicCount = routes_.wipe_write_perm(header->brokerName);
        response.set_header(out);
    } else {
        proto::AddWritePermOfBrokerResponseHeader out;
        out.addTopicCount = routes_.add_write_perm(header->brokerName);
        response.set_header(out);
    }
    return response;
}

RemotingCommand NameServerProcessor::put_kv(const RemotingCommand& request) {
    auto header = request.decode_header<proto::PutKVConfigRequestHeader>();
    if (!header) return RemotingCommand::response_to(request, header.error());
    if (header->ns.empty() || header->key.empty())
        return RemotingCommand::response_to(request, ResponseCode::SYSTEM_ERROR,
                                            "namespace or key is null");
    if (auto r = kv_.put(header->ns, header->key, header->value); !r)
        log::error("namesrv", "cannot persist the KV config: " + r.error().message);
    return RemotingCommand::response_to(request, ResponseCode::SUCCESS);
}

RemotingCommand NameServerProcessor::get_kv(const RemotingCommand& request) {
    auto header = request.decode_header<proto::GetKVConfigRequestHeader>();
    if (!header) return RemotingCommand::response_to(request, header.error());
    auto value = kv_.get(header->ns, header->key);
    if (!value)
        return RemotingCommand::response_to(
            request, ResponseCode::QUERY_NOT_FOUND,
            "No config item, Namespace: " + header->ns + " Key: " + header->key);
    auto response = RemotingCommand::response_to(request, ResponseCode::SUCCESS);
    proto::GetKVConfigResponseHeader out;
    out.value = *value;
    response.set_header(out);
    return response;
}

RemotingCommand NameServerProcessor::delete_kv(const RemotingCommand& request) {
    auto header = request.decode_header<proto::DeleteKVConfigRequestHeader>();
    if (!header) return RemotingCommand::response_to(request, header.error());
    if (auto r = kv_.remove(header->ns, header->key); !r)
        log::error("namesrv", "cannot persist the KV config: " + r.error().message);
    return RemotingCommand::response_to(request, ResponseCode::SUCCESS);
}

RemotingCommand NameServerProcessor::kv_list(const RemotingCommand& request) {
    auto header = request.decode_header<proto::GetKVListByNamespaceRequestHeader>();
    if (!header) return RemotingCommand::response_to(request, header.error());
    auto table = kv_.namespace_table(header->ns);
    if (!table)
        return RemotingCommand::response_to(request, ResponseCode::QUERY_NOT_FOUND,
                                            "No config item, Namespace: " + header->ns);
    body::KVTable out;
    for (auto& [k, v] : *table)
        out.table.insert_or_assign(k, v);
    auto response = RemotingCommand::response_to(request, ResponseCode::SUCCESS);
    response.body = out.encode();
    return response;
}

}  // namespace rmq::nameserver
