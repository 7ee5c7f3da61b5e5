// Client-facing control commands (ClientManageProcessor, spec/headers.md §A.2): HEART_BEAT,
// UNREGISTER_CLIENT, GET_CONSUMER_LIST_BY_GROUP, and NOTIFY_CONSUMER_IDS_CHANGED pushed to a
// group's members when it changes.
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>

#include "body/consumer_list.hpp"
#include "body/heartbeat_data.hpp"
#include "broker.hpp"
#include "common/log.hpp"
#include "proto/flags.hpp"
#include "proto/headers.hpp"
#include "proto/request_code.hpp"
#include "proto/response_code.hpp"
#include "remoting/connection.hpp"
#include "topic_validator.hpp"

namespace rmq::broker {

namespace {

using proto::RequestCode;
using proto::ResponseCode;
using remoting::RemotingCommand;

}  // namespace

void Broker::notify_consumer_ids_changed(const std::string& group) {
    if (!live_config_->read([](const config::BrokerStartup& s) {
            return s.broker.notify_consumer_ids_changed_enable;
        }))
        return;
    auto config = groups_->find(group);
    if (config && !config->notify_consumer_ids_changed_enable) return;
    proto::NotifyConsumerIdsChangedRequestHeader header;
    header.consumerGroup = group;
    for (const auto& connection : clients_->consumer_connections(group)) {
        auto request =
            RemotingCommand::request(proto::to_int(RequestCode::NOTIFY_CONSUMER_IDS_CHANGED));
        request.set_header(header);
        boost::asio::co_spawn(
            connection->executor(),
            [connection, request = std::move(request)]() mutable -> boost::asio::awaitable<void> {
                (void)co_await connection->send_oneway(std::move(request));
            },
            boost::asio::detached);
    }
}

void Broker::register_client_processors() {
    const auto add =
        [this](
            RequestCode code,
            std::function<RemotingCommand(remoting::RequestContext&, const RemotingCommand&)> fn) {
            server_->register_processor(
                proto::to_int(code),
                [fn = std::move(fn)](remoting::RequestContext& ctx, RemotingCommand& request)
                    -> boost::asio::awaitable<std::optional<RemotingCommand>> {
                    co_return fn(ctx, request);
                });
        };

    add(RequestCode::HEART_BEAT,
        [this](remoting::RequestContext& ctx, const RemotingCommand& request) {
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
                if (auto config = groups_->find_or_create(consumer.group_name)) {
                    // Java's TopicSysFlag.buildSysFlag(false, true): "has unit subscriptions".
                    const int32_t unit_sub = proto::topic_sys_flag::kUnitSub;
                    const int32_t sys_flag = consumer.unit_mode ? unit_sub : 0;
                    bool created = false;
                    topics_->create_in_send_back(
                        std::string(kRetryGroupTopicPrefix) + consumer.group_name,
                        config->retry_queue_nums, proto::perm::kRead | proto::perm::kWrite,
                        sys_flag, &created);
                    retry_topic_created = retry_topic_created || created;
                }
                if (clients_->register_consumer(consumer, channel)) {
                    log::info("broker", "consumer group " + consumer.group_name + " changed ("
                                            + channel.client_id + ")");
                    notify_consumer_ids_changed(consumer.group_name);
                }
            }
            for (const auto& producer : heartbeat->producer_data_set)
                clients_->register_producer(producer.group_name, channel);
            // As Java (registerBrokerAll(false, true, true) on creating it): the new %RETRY% topic
            // reaches the routes now, not at the next periodic registration, so consumers asking
            // for its route right after their first heartbeat find it.
            if (retry_topic_created) topics_changed();
            return RemotingCommand::response_to(request, ResponseCode::SUCCESS);
        });

    add(RequestCode::UNREGISTER_CLIENT,
        [this](remoting::RequestContext& ctx, const RemotingCommand& request) {
            auto h = request.decode_header<proto::UnregisterClientRequestHeader>();
            if (!h) return RemotingCommand::response_to(request, h.error());
            if (h->producerGroup)
                clients_->unregister_producer(*h->producerGroup, ctx.connection.get());
            if (h->consumerGroup
                && clients_->unregister_consumer(*h->consumerGroup, ctx.connection.get()))
                notify_consumer_ids_changed(*h->consumerGroup);
            auto response = RemotingCommand::response_to(request, ResponseCode::SUCCESS);
            response.ext_fields.emplace();  // Java's empty header class: "extFields":{}
            return response;
        });

    add(RequestCode::GET_CONSUMER_LIST_BY_GROUP, [this](remoting::RequestContext&,
                                                        const RemotingCommand& request) {
        auto h = request.decode_header<proto::GetConsumerListByGroupRequestHeader>();
        if (!h) return RemotingCommand::response_to(request, h.error());
        auto ids = clients_->consumer_ids(h->consumerGroup);
        RemotingCommand response =
            ids.empty()
                ? RemotingCommand::response_to(request, ResponseCode::SYSTEM_ERROR,
                                               "no consumer for this group, " + h->consumerGroup)
                : RemotingCommand::response_to(request, ResponseCode::SUCCESS);
        response.ext_fields.emplace();
        if (!ids.empty()) {
            body::GetConsumerListByGroupResponseBody body;
            body.consumer_id_list = std::move(ids);
            response.body = body.encode();
        }
        return response;
    });
}

}  // namespace rmq::broker
