// The topic lists mqadmin and brokers ask for: all, per cluster, system, and the unit variants.
#include <string>
#include <vector>

#include "body/java_hash_order.hpp"
#include "body/topic_list.hpp"
#include "handlers.hpp"
#include "proto/headers.hpp"
#include "proto/response_code.hpp"

namespace rmq::nameserver {

namespace {

/// Java answers from a sorted-by-hash HashMap; mirroring the order makes our lists match.
RemotingCommand topic_list_answer(const RemotingCommand& request, std::vector<std::string> topics) {
    body::sort_in_java_hash_order(topics, body::java_hash_map_capacity(topics.size()));
    body::TopicList list;
    list.topic_list = std::move(topics);
    auto response = RemotingCommand::response_to(request, proto::ResponseCode::SUCCESS);
    response.body = list.encode();
    return response;
}

}  // namespace

RemotingCommand handle_get_all_topic_list(NameServerContext& context,
                                          const RemotingCommand& request) {
    return topic_list_answer(request, context.routes.all_topics());
}

RemotingCommand handle_get_topics_by_cluster(NameServerContext& context,
                                             const RemotingCommand& request) {
    auto header = request.decode_header<proto::GetTopicsByClusterRequestHeader>();
    if (!header) return RemotingCommand::response_to(request, header.error());
    return topic_list_answer(request, context.routes.topics_of_cluster(header->cluster));
}

RemotingCommand handle_get_system_topic_list(NameServerContext& context,
                                             const RemotingCommand& request) {
    body::TopicList list;
    std::string addr;
    list.topic_list = context.routes.system_topics(addr);
    if (!addr.empty()) list.broker_addr = addr;
    auto response = RemotingCommand::response_to(request, proto::ResponseCode::SUCCESS);
    response.body = list.encode();
    return response;
}

RemotingCommand handle_get_unit_topic_list(NameServerContext& context,
                                           const RemotingCommand& request) {
    return topic_list_answer(request, context.routes.unit_topics());
}

RemotingCommand handle_get_has_unit_sub_topic_list(NameServerContext& context,
                                                   const RemotingCommand& request) {
    return topic_list_answer(request, context.routes.has_unit_sub_topics());
}

RemotingCommand handle_get_has_unit_sub_ununit_topic_list(NameServerContext& context,
                                                          const RemotingCommand& request) {
    return topic_list_answer(request, context.routes.has_unit_sub_ununit_topics());
}

}  // namespace rmq::nameserver
