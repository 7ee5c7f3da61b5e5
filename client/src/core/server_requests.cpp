// The requests brokers send to clients (ClientRemotingProcessor): consumer-list changes,
// transaction checks, offset resets, replies to requests, and the admin tools' status and
// running-info queries.
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <chrono>

#include "body/consume_message_directly_result.hpp"
#include "body/reset_offset.hpp"
#include "common/log.hpp"
#include "common/wall_clock.hpp"
#include "core/client_instance.hpp"
#include "core/message_codec.hpp"
#include "message/compression.hpp"
#include "message/properties.hpp"
#include "proto/request_code.hpp"
#include "proto/response_code.hpp"

namespace rocketmq::detail {

namespace proto = rmq::proto;
namespace remoting = rmq::remoting;
using proto::RequestCode;
using Response = std::optional<RemotingCommand>;

namespace {

RemotingCommand answer(const RemotingCommand& request, int32_t code, std::string remark = {}) {
    auto response = RemotingCommand::response_to(
        request, code, remark.empty() ? std::nullopt : std::optional<std::string>(remark));
    response.language = proto::LanguageCode::CPP;
    return response;
}

std::map<MessageQueue, int64_t> reset_offsets_of(const std::string& body) {
    std::map<MessageQueue, int64_t> offsets;
    if (auto for_c = rmq::body::ResetOffsetBodyForC::decode(body)) {
        for (const auto& q : for_c->offset_table)
            offsets[{q.topic, q.broker_name, q.queue_id}] = q.offset;
    } else if (auto java = rmq::body::ResetOffsetBody::decode(body)) {
        for (const auto& [queue, offset] : java->offset_table)
            offsets[from_body(queue)] = offset;
    }
    return offsets;
}

}  // namespace

class ServerRequests {
  public:
    static void install(ClientInstance& instance) {
        auto& remoting = *instance.remoting_;
        // The instance is alive while its connections are: it closes them in its destructor.
        auto on = [&remoting, &instance](RequestCode code, auto handler) {
            remoting.register_processor(
                proto::to_int(code),
                [&instance, handler](remoting::RequestContext& ctx,
                                     RemotingCommand& request) -> asio::awaitable<Response> {
                    co_return co_await handler(instance, ctx, request);
                });
        };
        on(RequestCode::NOTIFY_CONSUMER_IDS_CHANGED, &notify_consumer_ids_changed);
        on(RequestCode::CHECK_TRANSACTION_STATE, &check_transaction_state);
        on(RequestCode::RESET_CONSUMER_CLIENT_OFFSET, &reset_consumer_offset);
        on(RequestCode::GET_CONSUMER_STATUS_FROM_CLIENT, &consumer_status);
        on(RequestCode::GET_CONSUMER_RUNNING_INFO, &running_info);
        on(RequestCode::CONSUME_MESSAGE_DIRECTLY, &consume_directly);
        on(RequestCode::PUSH_REPLY_MESSAGE_TO_CLIENT, &push_reply);
    }

  private:
    static std::shared_ptr<ConsumerMember> consumer(ClientInstance& instance,
                                                    const std::string& group) {
        return instance.find_consumer(group);
    }

    static asio::awaitable<Response> notify_consumer_ids_changed(ClientInstance& instance,
                                                                 remoting::RequestContext&,
                                                                 RemotingCommand&) {
        instance.rebalance_soon();
        co_return std::nullopt;
    }

    static asio::awaitable<Response> check_transaction_state(ClientInstance& instance,
                                                             remoting::RequestContext& ctx,
                                                             RemotingCommand& request) {
        auto header = request.decode_header<proto::CheckTransactionStateRequestHeader>();
        auto message = decode_one_received(request.body);
        if (!header || !message) {
            rmq::log::warn("client",
                           "undecodable CHECK_TRANSACTION_STATE from " + ctx.remote_address());
            co_return std::nullopt;
        }
        const std::string group(message->property("PGROUP"));
        auto producer = instance.find_producer(group);
        if (!producer) {
            rmq::log::warn("client", "CHECK_TRANSACTION_STATE for producer group " + group
                                         + ", which is not in this client");
            co_return std::nullopt;
        }
        producer->check_transaction(ctx.remote_address(), *header, std::move(*message));
        co_return std::nullopt;
    }

    /// A reply to one of this client's requests (receiveReplyMessage): handed to the request
    /// waiting for its correlation id. Answered SUCCESS whether or not one still waits.
    static asio::awaitable<Response> push_reply(ClientInstance& instance,
                                                remoting::RequestContext& ctx,
                                                RemotingCommand& request) {
        auto header = request.decode_header<proto::ReplyMessageRequestHeader>();
        if (!header) co_return RemotingCommand::response_to(request, header.error());
        ReceivedMessage reply;
        reply.topic = instance.unwrap_namespace(header->topic);
        reply.queue_id = header->queueId;
        reply.store_timestamp = header->storeTimestamp;
        reply.born_timestamp = header->bornTimestamp;
        reply.born_host = header->bornHost;
        reply.store_host = header->storeHost;
        reply.flag = header->flag;
        reply.sys_flag = header->sysFlag;
        reply.reconsume_times = header->reconsumeTimes.value_or(0);
        auto body = rmq::message::decompress_body(
            std::span<const char>(request.body.data(), request.body.size()), header->sysFlag);
        if (!body)
            co_return answer(request, proto::to_int(proto::ResponseCode::SYSTEM_ERROR),
                             "cannot inflate the reply's body: " + body.error().message);
        reply.body = std::move(*body);
        rmq::message::for_each_property(
            header->properties.value_or(""),
            [&](std::string_view k, std::string_view v) { reply.set_property(k, v); });
        reply.set_property("ARRIVE_TIME", std::to_string(rmq::common::epoch_millis()));
        reply.msg_id = std::string(reply.unique_key());
        const std::string correlation(reply.property("CORRELATION_ID"));
        if (!instance.replies().deliver(correlation, std::move(reply)))
            rmq::log::warn("client", "a reply from " + ctx.remote_address()
                                         + " matches no waiting request (correlation id "
                                         + correlation + ")");
        co_return answer(request, proto::to_int(proto::ResponseCode::SUCCESS));
    }

    static asio::awaitable<Response> reset_consumer_offset(ClientInstance& instance,
                                                           remoting::RequestContext&,
                                                           RemotingCommand& request) {
        auto header = request.decode_header<proto::ResetOffsetRequestHeader>();
        if (!header) co_return std::nullopt;
        if (auto c = consumer(instance, header->group))
            c->reset_offsets(header->topic, reset_offsets_of(request.body));
        co_return std::nullopt;
    }

    static asio::awaitable<Response> consumer_status(ClientInstance& instance,
                                                     remoting::RequestContext&,
                                                     RemotingCommand& request) {
        auto header = request.decode_header<proto::GetConsumerStatusRequestHeader>();
        if (!header) co_return RemotingCommand::response_to(request, header.error());
        rmq::body::GetConsumerStatusBody body;
        if (auto c = consumer(instance, header->group))
            for (const auto& [queue, offset] : c->offsets(header->topic))
                body.message_queue_table.insert_or_assign(to_body(queue), offset);
        auto response = answer(request, 0);
        response.body = body.encode();
        co_return response;
    }

    static asio::awaitable<Response> running_info(ClientInstance& instance,
                                                  remoting::RequestContext&,
                                                  RemotingCommand& request) {
        auto header = request.decode_header<proto::GetConsumerRunningInfoRequestHeader>();
        if (!header) co_return RemotingCommand::response_to(request, header.error());
        auto c = consumer(instance, header->consumerGroup);
        if (!c)
            co_return answer(
                request, 1,
                "The Consumer Group <" + header->consumerGroup + "> not exist in this consumer");
        auto response = answer(request, 0);
        response.body = c->running_info().encode();
        co_return response;
    }

    static asio::awaitable<Response> consume_directly(ClientInstance& instance,
                                                      remoting::RequestContext&,
                                                      RemotingCommand& request) {
        auto header = request.decode_header<proto::ConsumeMessageDirectlyResultRequestHeader>();
        if (!header) co_return RemotingCommand::response_to(request, header.error());
        auto message = decode_one_received(request.body);
        if (!message) co_return answer(request, 1, message.error().reason);
        auto c = consumer(instance, header->consumerGroup);
        if (!c)
            co_return answer(
                request, 1,
                "The Consumer Group <" + header->consumerGroup + "> not exist in this consumer");
        if (header->brokerName) message->broker_name = *header->brokerName;
        auto result = co_await c->consume_directly(std::move(*message));
        auto response = answer(request, 0);
        response.body = result.encode();
        co_return response;
    }
};

void ClientInstance::register_processors() {
    ServerRequests::install(*this);
}

}  // namespace rocketmq::detail
