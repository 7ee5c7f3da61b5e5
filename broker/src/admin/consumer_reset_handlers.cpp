// Offsets pushed to, and read from, a group's live consumers (AdminBrokerProcessor and
// Broker2Client): INVOKE_BROKER_TO_RESET_OFFSET (new offsets by time pushed with
// RESET_CONSUMER_CLIENT_OFFSET) and INVOKE_BROKER_TO_GET_CONSUMER_STATUS (each consumer asked for
// its offsets with GET_CONSUMER_STATUS_FROM_CLIENT).
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>

#include "admin/admin_handlers.hpp"
#include "body/reset_offset.hpp"
#include "common/log.hpp"
#include "core/broker_context.hpp"
#include "core/responses.hpp"
#include "proto/headers.hpp"
#include "proto/mq_version.hpp"
#include "proto/request_code.hpp"
#include "proto/response_code.hpp"
#include "remoting/connection.hpp"

namespace rmq::broker {

namespace {

using proto::RequestCode;
using proto::ResponseCode;
using remoting::RemotingCommand;

constexpr auto kClientCallTimeout = std::chrono::seconds(10);

std::string too_old(int32_t version) {
    return "the client does not support this feature. version=" + proto::version_desc(version);
}

}  // namespace

RemotingCommand handle_invoke_broker_to_reset_offset(BrokerContext& broker,
                                                     const RemotingCommand& request) {
    auto h = request.decode_header<proto::ResetOffsetRequestHeader>();
    if (!h) return RemotingCommand::response_to(request, h.error());
    auto topic = broker.topics->find(h->topic);
    if (!topic)
        return RemotingCommand::response_to(
            request, ResponseCode::SYSTEM_ERROR,
            "[reset-offset] reset offset failed, no topic in this broker. topic=" + h->topic);

    body::ResetOffsetBody decided;
    for (int32_t queue = 0; queue < topic->write_queue_nums; ++queue) {
        auto current = broker.offsets->query(h->topic, h->group, queue);
        if (!current)
            return RemotingCommand::response_to(request, ResponseCode::SYSTEM_ERROR,
                                                "THe consumer group <" + h->group + "> not exist");
        int64_t target = h->timestamp == -1
                             ? broker.store->max_offset_in_queue(h->topic, queue)
                             : broker.store->offset_in_queue_by_time(h->topic, queue, h->timestamp);
        target = std::max<int64_t>(0, target);
        // Without force a reset only moves a group back, never past what it has consumed.
        if (!h->isForce && target >= *current) target = *current;
        decided.offset_table.insert_or_assign(
            body::MessageQueue{h->topic, broker.identity.broker_name, queue}, target);
    }

    const auto consumers = broker.clients->consumer_channels(h->group);
    const bool any_online = std::any_of(consumers.begin(), consumers.end(), [](const auto& c) {
        return c.connection && c.connection->is_open();
    });
    if (!any_online)
        return RemotingCommand::response_to(
            request, ResponseCode::CONSUMER_NOT_ONLINE,
            "Consumer not online, so can not reset offset, Group: " + h->group
                + " Topic: " + h->topic + " Timestamp: " + std::to_string(h->timestamp));
    for (const auto& consumer : consumers)
        if (consumer.version < proto::kVersion3_0_7_Snapshot)
            return RemotingCommand::response_to(request, ResponseCode::SYSTEM_ERROR,
                                                too_old(consumer.version));

    proto::ResetOffsetRequestHeader push;
    push.topic = h->topic;
    push.group = h->group;
    push.timestamp = h->timestamp;
    push.isForce = false;
    auto reset = RemotingCommand::request(proto::to_int(RequestCode::RESET_CONSUMER_CLIENT_OFFSET));
    reset.set_header(push);
    if (request.language == proto::LanguageCode::CPP) {
        body::ResetOffsetBodyForC list;
        for (const auto& [queue, offset] : decided.offset_table)
            list.offset_table.push_back({queue.topic, queue.broker_name, queue.queue_id, offset});
        reset.body = list.encode();
    } else {
        reset.body = decided.encode();
    }
    for (const auto& consumer : consumers) {
        if (!consumer.connection || !consumer.connection->is_open()) continue;
        log::info("broker", "[reset-offset] topic " + h->topic + ", group " + h->group + ", client "
                                + consumer.client_id);
        boost::asio::co_spawn(
            consumer.connection->executor(),
            [connection = consumer.connection, reset]() mutable -> boost::asio::awaitable<void> {
                (void)co_await connection->send_oneway(std::move(reset));
            },
            boost::asio::detached);
    }
    return success_with_body(request, decided.encode());
}

boost::asio::awaitable<RemotingCommand> handle_invoke_broker_to_get_consumer_status(
    BrokerContext& broker, remoting::RequestContext&, const RemotingCommand& request) {
    auto h = request.decode_header<proto::GetConsumerStatusRequestHeader>();
    if (!h) co_return RemotingCommand::response_to(request, h.error());
    const auto consumers = broker.clients->consumer_channels(h->group);
    if (consumers.empty())
        co_return RemotingCommand::response_to(
            request, ResponseCode::SYSTEM_ERROR,
            "No Any Consumer online in the consumer group: [" + h->group + "]");
    const std::string only = h->clientAddr.value_or("");
    body::GetConsumerStatusBody status;
    for (const auto& consumer : consumers) {
        if (consumer.version < proto::kVersion3_0_7_Snapshot)
            co_return RemotingCommand::response_to(request, ResponseCode::SYSTEM_ERROR,
                                                   too_old(consumer.version));
        if (!only.empty() && only != consumer.client_id) continue;
        if (!consumer.connection || !consumer.connection->is_open()) continue;
        proto::GetConsumerStatusRequestHeader ask;
        ask.topic = h->topic;
        ask.group = h->group;
        auto question =
            RemotingCommand::request(proto::to_int(RequestCode::GET_CONSUMER_STATUS_FROM_CLIENT));
        question.set_header(ask);
        auto answer =
            co_await consumer.connection->request(std::move(question), kClientCallTimeout);
        // A consumer that does not answer is left out, as in Java.
        if (!answer || answer->code != proto::to_int(ResponseCode::SUCCESS) || answer->body.empty())
            continue;
        auto body = body::GetConsumerStatusBody::decode(answer->body);
        if (!body) {
            log::warn("broker",
                      "consumer " + consumer.client_id
                          + " sent an unreadable consumer status: " + body.error().message);
            continue;
        }
        status.consumer_table.insert_or_assign(consumer.client_id,
                                               std::move(body->message_queue_table));
        if (!only.empty()) break;
    }
    co_return success_with_body(request, status.encode());
}

}  // namespace rmq::broker
