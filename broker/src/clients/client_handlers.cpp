// Client-facing control commands (ClientManageProcessor, spec/headers.md §A.2): HEART_BEAT,
// UNREGISTER_CLIENT and GET_CONSUMER_LIST_BY_GROUP. NOTIFY_CONSUMER_IDS_CHANGED is pushed to a
// group's members when it changes (BrokerContext::notify_consumer_ids_changed).
#include "clients/client_handlers.hpp"

#include "body/consumer_list.hpp"
#include "body/heartbeat_data.hpp"
#include "common/log.hpp"
#include "core/broker_context.hpp"
#include "metadata/topic_validator.hpp"
#include "proto/flags.hpp"
#include "proto/headers.hpp"
#include "proto/request_code.hpp"
#include "proto/response_code.hpp"
#include "remoting/connection.hpp"

namespace rmq::broker {

namespace {

using proto::ResponseCode;
using remoting::RemotingCommand;

}  // namespace

RemotingCommand handle_heart_beat(BrokerContext& broker, remoting::RequestContext& ctx,
                                  const RemotingCommand& request) {
    auto heartbeat = body::HeartbeatData::decode(request.body);
    if (!heartbeat)
        return RemotingCommand::response_to(
            request, ResponseCode::SYSTEM_ERROR,
            "the body is not a HeartbeatData: " + heartbeat.error().message);
    ClientChannel channel{ctx.connection, heartbeat->client_id,
                          static_cast<int32_t>(request.language), request.version,
                          ClientManager::Clock::now()};
    bool retry_topic_created = false;
    for (const auto& consumer : heartbeat->consumer_data_set) {
        if (auto config = broker.groups->find_or_create(consumer.group_name)) {
            // Java's TopicSysFlag.buildSysFlag(false, true): "has unit subscriptions".
            const int32_t unit_sub = proto::topic_sys_flag::kUnitSub;
            const int32_t sys_flag = consumer.unit_mode ? unit_sub : 0;
            bool created = false;
            broker.topics->create_in_send_back(
                std::string(kRetryGroupTopicPrefix) + consumer.group_name, config->retry_queue_nums,
                proto::perm::kRead | proto::perm::kWrite, sys_flag, &created);
            retry_topic_created = retry_topic_created || created;
        }
        if (broker.clients->register_consumer(consumer, channel)) {
            log::info("broker", "consumer group " + consumer.group_name + " changed ("
                                    + channel.client_id + ")");
            broker.notify_consumer_ids_changed(consumer.group_name);
        }
    }
    for (const auto& producer : heartbeat->producer_data_set)
        broker.clients->register_producer(producer.group_name, channel);
    // As Java (registerBrokerAll(false, true, true) on creating it): the new %RETRY% topic
    // reaches the routes now, not at the next periodic registration, so consumers asking
    // for its route right after their first heartbeat find it.
    if (retry_topic_created) broker.topics_changed();
    return RemotingCommand::response_to(request, ResponseCode::SUCCESS);
}

RemotingCommand handle_unregister_client(BrokerContext& broker, remoting::RequestContext& ctx,
                                         const RemotingCommand& request) {
    auto h = request.decode_header<proto::UnregisterClientRequestHeader>();
    if (!h) return RemotingCommand::response_to(request, h.error());
    if (h->producerGroup)
        broker.clients->unregister_producer(*h->producerGroup, ctx.connection.get());
    if (h->consumerGroup
        && broker.clients->unregister_consumer(*h->consumerGroup, ctx.connection.get()))
        broker.notify_consumer_ids_changed(*h->consumerGroup);
    auto response = RemotingCommand::response_to(request, ResponseCode::SUCCESS);
    response.ext_fields.emplace();  // Java's empty header class: "extFields":{}
    return response;
}

RemotingCommand handle_get_consumer_list_by_group(BrokerContext& broker,
                                                  const RemotingCommand& request) {
    auto h = request.decode_header<proto::GetConsumerListByGroupRequestHeader>();
    if (!h) return RemotingCommand::response_to(request, h.error());
    auto ids = broker.clients->consumer_ids(h->consumerGroup);
    RemotingCommand response =
        ids.empty() ? RemotingCommand::response_to(
            request, ResponseCode::SYSTEM_ERROR, "no consumer for this group, " + h->consumerGroup)
                    : RemotingCommand::response_to(request, ResponseCode::SUCCESS);
    response.ext_fields.emplace();
    if (!ids.empty()) {
        body::GetConsumerListByGroupResponseBody body;
        body.consumer_id_list = std::move(ids);
        response.body = body.encode();
    }
    return response;
}

}  // namespace rmq::broker
