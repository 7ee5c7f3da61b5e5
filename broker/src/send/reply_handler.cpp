// SEND_REPLY_MESSAGE / SEND_REPLY_MESSAGE_V2 (ReplyMessageProcessor, spec/behaviours.md §2.14):
// a consumer's reply to a request message is checked like a send, pushed at once to the
// requesting producer's connection (REPLY_TO_CLIENT) as PUSH_REPLY_MESSAGE_TO_CLIENT, and stored
// in its topic (the cluster's reply topic) when storeReplyMessageEnable. The answer says whether
// the push reached the requester, as 4.9.8's does.
#include <chrono>

#include "common/log.hpp"
#include "common/wall_clock.hpp"
#include "core/broker_context.hpp"
#include "message/property_keys.hpp"
#include "proto/headers.hpp"
#include "proto/request_code.hpp"
#include "proto/response_code.hpp"
#include "remoting/connection.hpp"
#include "send/send_handlers.hpp"
#include "send/send_steps.hpp"

namespace rmq::broker {

namespace {

using proto::ResponseCode;
using remoting::RemotingCommand;
using namespace std::chrono_literals;

constexpr auto kPushTimeout = 10s;  // Broker2Client.callClient

struct PushResult {
    bool ok = false;
    std::string remark;
};

/// PUSH_REPLY_MESSAGE_TO_CLIENT to the requester's producer connection, awaited.
boost::asio::awaitable<PushResult> push_reply(BrokerContext& broker, remoting::RequestContext& ctx,
                                              const SendRequest& send,
                                              const message::MessageExt& msg) {
    const std::string requester(msg.property(message::prop::kReplyToClient));
    if (requester.empty())
        co_return PushResult{false, "reply message properties["
                                        + std::string(message::prop::kReplyToClient) + "] is null"};
    auto connection = broker.clients->find_producer(requester);
    if (!connection)
        co_return PushResult{false,
                             "push reply message fail, channel of <" + requester + "> not found."};
    proto::ReplyMessageRequestHeader h;
    h.producerGroup = send.producer_group;
    h.topic = send.topic;
    h.defaultTopic = send.default_topic;
    h.defaultTopicQueueNums = send.default_topic_queue_nums;
    h.queueId = send.queue_id;
    h.sysFlag = send.sys_flag;
    h.bornTimestamp = send.born_timestamp;
    h.flag = send.flag;
    auto properties = msg.properties;
    properties.set(message::prop::kPushReplyTime, std::to_string(common::epoch_millis()));
    h.properties = message::encode_properties(properties);
    h.reconsumeTimes = send.reconsume_times;
    h.unitMode = send.unit_mode;
    h.bornHost = ctx.remote_address();
    h.storeHost = broker.store_host.to_string();
    h.storeTimestamp = common::epoch_millis();
    auto push =
        RemotingCommand::request(proto::to_int(proto::RequestCode::PUSH_REPLY_MESSAGE_TO_CLIENT));
    push.set_header(h);
    push.body = msg.body;
    auto answer = co_await connection->request(std::move(push), kPushTimeout);
    if (!answer || answer->code != proto::to_int(ResponseCode::SUCCESS)) {
        log::warn("reply", "push reply message to <" + requester + "> failed: "
                               + (answer ? answer->remark.value_or("") : answer.error().message));
        co_return PushResult{false, "push reply message to " + requester + "fail."};
    }
    co_return PushResult{true, {}};
}

boost::asio::awaitable<RemotingCommand> push_and_store(BrokerContext& broker,
                                                       remoting::RequestContext& ctx,
                                                       const RemotingCommand& request,
                                                       const RequestSettings& settings) {
    auto send = decode_send_request(request);
    if (!send) co_return RemotingCommand::response_to(request, send.error());
    if (auto refusal = refuse_when_not_accepting(broker, request, settings))
        co_return std::move(*refusal);
    auto topic = resolve_topic(broker, ctx, request, *send, settings);
    if (!topic) co_return topic.error();

    // As 4.9.8 builds it: the header's properties as sent, no CLUSTER, no system flags.
    message::MessageExt msg;
    msg.topic = send->topic;
    msg.queue_id = send->queue_id;
    msg.flag = send->flag;
    msg.properties = message::parse_properties(send->properties);
    msg.born_timestamp = send->born_timestamp;
    msg.born_host =
        message::HostAddress::parse(ctx.remote_address()).value_or(message::HostAddress{});
    msg.store_host = broker.store_host;
    msg.reconsume_times = send->reconsume_times;
    msg.body = request.body;

    const auto pushed = co_await push_reply(broker, ctx, *send, msg);
    auto response = pushed.ok ? RemotingCommand::response_to(request, ResponseCode::SUCCESS)
                              : RemotingCommand::response_to(request, ResponseCode::SYSTEM_ERROR,
                                                             pushed.remark);
    proto::SendMessageResponseHeader out;
    out.msgId = "0";  // Java's placeholder until the put names it
    out.queueId = send->queue_id;
    out.queueOffset = 0;
    if (settings.store_reply_message_enable) {
        const std::string stored_topic = msg.topic;
        auto result = co_await broker.store->put(std::move(msg), store::PutOptions{});
        if (result.stored()) {
            broker.traffic->on_put(stored_topic, result.msg_num, result.wrote_bytes);
            out.msgId = result.msg_id;
            out.queueOffset = result.queue_offset;
        } else {
            log::warn("reply", "storing a reply to " + stored_topic
                                   + " failed: " + std::string(store::to_string(result.status)));
        }
    }
    response.set_header(out);
    co_return response;
}

}  // namespace

boost::asio::awaitable<RemotingCommand> handle_send_reply(BrokerContext& broker,
                                                          remoting::RequestContext& ctx,
                                                          const RemotingCommand& request) {
    const auto settings = broker.request_settings();
    auto response = co_await push_and_store(broker, ctx, request, settings);
    add_send_response_fields(response, settings);
    co_return response;
}

}  // namespace rmq::broker
