// GET_ROUTEINFO_BY_TOPIC and GET_BROKER_CLUSTER_INFO: what clients and mqadmin read.
#include <string>

#include "body/cluster_info.hpp"
#include "body/topic_route_data.hpp"
#include "handlers.hpp"
#include "proto/headers.hpp"
#include "proto/response_code.hpp"

namespace rmq::nameserver {

namespace {

using proto::ResponseCode;

// Java appends the FAQ link to route-not-found remarks; clients print the remark as is.
constexpr std::string_view kFaqTopicNotExist =
    "\nSee http://rocketmq.apache.org/docs/faq/ for further details.";
// Clients at or above V4_0_0_SNAPSHOT's 401 parse routes as standard JSON.
constexpr int32_t kStandardJsonVersion = 401;

body::BrokerData to_body(const BrokerInfo& b) {
    body::BrokerData d;
    d.cluster = b.cluster;
    d.broker_name = b.broker_name;
    d.broker_addrs = b.addrs;
    return d;
}

body::TopicRouteData to_body(const TopicRoute& route) {
    body::TopicRouteData data;
    for (const auto& q : route.queues)
        data.queue_datas.push_back(
            {q.broker_name, q.read_queue_nums, q.write_queue_nums, q.perm, q.topic_sys_flag});
    for (const auto& b : route.brokers)
        data.broker_datas.push_back(to_body(b));
    for (const auto& [addr, servers] : route.filter_servers)
        data.filter_server_table.insert_or_assign(addr, servers);
    return data;
}

}  // namespace

RemotingCommand handle_get_route_info(NameServerContext& context, const RemotingCommand& request) {
    auto header = request.decode_header<proto::GetRouteInfoRequestHeader>();
    if (!header) return RemotingCommand::response_to(request, header.error());
    auto route = context.routes.topic_route(header->topic);
    if (!route)
        return RemotingCommand::response_to(request, ResponseCode::TOPIC_NOT_EXIST,
                                            "No topic route info in name server for the topic: "
                                                + header->topic + std::string(kFaqTopicNotExist));
    auto data = to_body(*route);
    if (context.settings.order_message_enable)
        data.order_topic_conf = context.kv.get(kOrderTopicConfigNamespace, header->topic);
    const bool standard =
        request.version >= kStandardJsonVersion || header->acceptStandardJsonOnly.value_or(false);
    auto response = RemotingCommand::response_to(request, ResponseCode::SUCCESS);
    response.body = data.encode(standard);
    return response;
}

RemotingCommand handle_get_broker_cluster_info(NameServerContext& context,
                                               const RemotingCommand& request) {
    const auto snapshot = context.routes.cluster_info();
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

}  // namespace rmq::nameserver
