// The broker's inspection and runtime-configuration commands (spec/headers.md §A.4): broker
// config get/update, runtime info, topic stats, connection lists, who consumes a topic, system
// topics.
#include <optional>

#include "admin/admin_handlers.hpp"
#include "body/queue_stats.hpp"
#include "body/topic_list.hpp"
#include "common/log.hpp"
#include "common/wall_clock.hpp"
#include "config/properties_file.hpp"
#include "core/broker_context.hpp"
#include "core/responses.hpp"
#include "core/runtime_info.hpp"
#include "message/message_id.hpp"
#include "proto/headers.hpp"
#include "proto/mq_version.hpp"
#include "proto/protocol_error.hpp"
#include "proto/request_code.hpp"
#include "proto/response_code.hpp"
#include "remoting/connection.hpp"

namespace rmq::broker {

namespace {

using proto::ResponseCode;
using remoting::RemotingCommand;

/// brokerRole in an update is a switch-over (docs/operations.md): a SLAVE becomes a master, or a
/// master changes between ASYNC_MASTER and SYNC_MASTER. A master cannot become a slave at
/// runtime; it is restarted as one.
proto::Result<void> switch_role(BrokerContext& broker, std::string_view properties_text,
                                std::string_view black_list) {
    auto properties = config::parse_properties(properties_text);
    if (!properties) return {};  // the update itself reports it
    std::optional<store::BrokerRole> wanted;
    for (const auto& p : *properties) {
        if (p.key != "brokerRole") continue;
        if (p.value == "SLAVE")
            wanted = store::BrokerRole::slave;
        else if (p.value == "ASYNC_MASTER")
            wanted = store::BrokerRole::async_master;
        else if (p.value == "SYNC_MASTER")
            wanted = store::BrokerRole::sync_master;
        else
            return proto::ProtocolError{proto::to_int(ResponseCode::SYSTEM_ERROR),
                                        "brokerRole must be ASYNC_MASTER, SYNC_MASTER or SLAVE, "
                                        "not "
                                            + p.value};
    }
    if (!wanted || *wanted == broker.store->role()) return {};
    if (black_list.find("brokerRole") != std::string_view::npos)
        return proto::ProtocolError{proto::to_int(ResponseCode::NO_PERMISSION),
                                    "Can not update config in black list."};
    if (*wanted == store::BrokerRole::slave)
        return proto::ProtocolError{
            proto::to_int(ResponseCode::SYSTEM_ERROR),
            "a master cannot become a slave at runtime: restart it with brokerRole=SLAVE and a "
            "brokerId > 0"};
    if (!broker.promote)
        return proto::ProtocolError{proto::to_int(ResponseCode::SYSTEM_ERROR),
                                    "this broker cannot change its role"};
    if (auto promoted = broker.promote(*wanted); !promoted)
        return proto::ProtocolError{proto::to_int(ResponseCode::SYSTEM_ERROR),
                                    "the switch to master failed: " + promoted.error().message};
    return {};
}

}  // namespace

RemotingCommand handle_get_broker_config(BrokerContext& broker, const RemotingCommand& request) {
    auto response = success_with_body(request, broker.live_config->properties_text());
    const auto [timestamp, counter] = broker.live_config->version();
    proto::GetBrokerConfigResponseHeader h;
    h.version = body::DataVersion{timestamp, counter}.encode();
    response.set_header(h);
    return response;
}

RemotingCommand handle_update_broker_config(BrokerContext& broker, const RemotingCommand& request) {
    const auto black_list = broker.live_config->read(
        [](const config::BrokerStartup& s) { return s.broker.config_black_list; });
    const bool was_slave = broker.is_slave();
    if (auto switched = switch_role(broker, request.body, black_list); !switched)
        return RemotingCommand::response_to(request, switched.error());
    std::string body = request.body;
    // A promoted slave is its group's master: brokerId 0 from now on, also after a restart.
    if (was_slave && !broker.is_slave()) body += "\nbrokerId=0\n";
    auto keys = broker.live_config->update(body, black_list);
    if (!keys) return RemotingCommand::response_to(request, keys.error());
    std::string list;
    for (const auto& k : *keys)
        list += (list.empty() ? "" : ", ") + k;
    log::info("broker", "configuration updated: " + (list.empty() ? "(no known key)" : list));
    if (std::find(keys->begin(), keys->end(), "brokerPermission") != keys->end())
        broker.permission_changed(broker.request_settings().broker_permission);
    return RemotingCommand::response_to(request, ResponseCode::SUCCESS);
}

RemotingCommand handle_get_broker_runtime_info(BrokerContext& broker,
                                               const RemotingCommand& request) {
    const auto settings = broker.live_config->snapshot();
    auto delay_offsets =
        broker.schedule ? broker.schedule->offsets() : std::map<int32_t, int64_t>{};
    RuntimeInfoInputs in{*broker.store,          settings.broker,
                         broker.daily_totals(),  broker.boot_timestamp_ms,
                         common::epoch_millis(), std::move(delay_offsets)};
    return success_with_body(request, runtime_info(in).encode());
}

RemotingCommand handle_get_topic_stats_info(BrokerContext& broker, const RemotingCommand& request) {
    auto h = request.decode_header<proto::GetTopicStatsInfoRequestHeader>();
    if (!h) return RemotingCommand::response_to(request, h.error());
    auto topic = broker.topics->find(h->topic);
    if (!topic)
        return RemotingCommand::response_to(request, ResponseCode::TOPIC_NOT_EXIST,
                                            "topic[" + h->topic + "] not exist");
    body::TopicStatsTable table;
    for (int32_t queue = 0; queue < topic->write_queue_nums; ++queue) {
        body::TopicOffset offset;
        offset.min_offset =
            std::max<int64_t>(0, broker.store->min_offset_in_queue(h->topic, queue));
        offset.max_offset =
            std::max<int64_t>(0, broker.store->max_offset_in_queue(h->topic, queue));
        if (offset.max_offset > 0)
            offset.last_update_timestamp =
                broker.store->message_store_timestamp(h->topic, queue, offset.max_offset - 1);
        table.offset_table.insert_or_assign(
            body::MessageQueue{h->topic, broker.identity.broker_name, queue}, offset);
    }
    return success_with_body(request, table.encode());
}

RemotingCommand handle_get_consumer_connection_list(BrokerContext& broker,
                                                    const RemotingCommand& request) {
    auto h = request.decode_header<proto::GetConsumerConnectionListRequestHeader>();
    if (!h) return RemotingCommand::response_to(request, h.error());
    auto connection = broker.clients->consumer_connection(h->consumerGroup);
    if (!connection)
        return RemotingCommand::response_to(
            request, ResponseCode::CONSUMER_NOT_ONLINE,
            "the consumer group[" + h->consumerGroup + "] not online");
    return success_with_body(request, connection->encode());
}

RemotingCommand handle_get_producer_connection_list(BrokerContext& broker,
                                                    const RemotingCommand& request) {
    auto h = request.decode_header<proto::GetProducerConnectionListRequestHeader>();
    if (!h) return RemotingCommand::response_to(request, h.error());
    auto connection = broker.clients->producer_connection(h->producerGroup);
    if (!connection)
        return RemotingCommand::response_to(
            request, ResponseCode::SYSTEM_ERROR,
            "the producer group[" + h->producerGroup + "] not exist");
    return success_with_body(request, connection->encode());
}

RemotingCommand handle_query_topic_consume_by_who(BrokerContext& broker,
                                                  const RemotingCommand& request) {
    auto h = request.decode_header<proto::QueryTopicConsumeByWhoRequestHeader>();
    if (!h) return RemotingCommand::response_to(request, h.error());
    body::GroupList groups;
    groups.group_list = broker.clients->groups_subscribed_to(h->topic);
    for (auto& group : broker.offsets->groups_of(h->topic))
        if (std::find(groups.group_list.begin(), groups.group_list.end(), group)
            == groups.group_list.end())
            groups.group_list.push_back(std::move(group));
    return success_with_body(request, groups.encode());
}

RemotingCommand handle_get_all_consumer_offset(BrokerContext& broker,
                                               const RemotingCommand& request) {
    return success_with_body(request, broker.offsets->snapshot().encode());
}

RemotingCommand handle_get_system_topic_list_from_broker(BrokerContext& broker,
                                                         const RemotingCommand& request) {
    body::TopicList list;
    list.topic_list = broker.topics->system_topics();
    return success_with_body(request, list.encode());
}

}  // namespace rmq::broker
