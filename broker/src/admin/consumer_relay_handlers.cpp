// Admin requests answered by a consumer, relayed by the broker (Broker2Client.callClient):
// GET_CONSUMER_RUNNING_INFO and CONSUME_MESSAGE_DIRECTLY.
#include "admin/admin_handlers.hpp"
#include "core/broker_context.hpp"
#include "message/message_id.hpp"
#include "proto/headers.hpp"
#include "proto/mq_version.hpp"
#include "proto/response_code.hpp"
#include "remoting/connection.hpp"

namespace rmq::broker {

namespace {

using proto::ResponseCode;
using remoting::RemotingCommand;

constexpr auto kRelayTimeout = std::chrono::seconds(10);

/// Sends `forwarded` to the consumer `client_id` of `group` and answers `request` with its
/// answer.
boost::asio::awaitable<RemotingCommand> relay_to_consumer(BrokerContext& broker,
                                                          const RemotingCommand& request,
                                                          RemotingCommand forwarded,
                                                          std::string group,
                                                          std::string client_id) {
    auto channel = broker.clients->find_consumer(group, client_id);
    if (!channel || !channel->connection || !channel->connection->is_open())
        co_return RemotingCommand::response_to(
            request, ResponseCode::SYSTEM_ERROR,
            "The Consumer <" + group + "> <" + client_id + "> not online");
    if (channel->version < proto::kVersion3_1_8_Snapshot)
        co_return RemotingCommand::response_to(
            request, ResponseCode::SYSTEM_ERROR,
            "The Consumer <" + client_id + "> Version <" + proto::version_desc(channel->version)
                + "> too low to finish, please upgrade it to V3_1_8_SNAPSHOT");
    auto answer = co_await channel->connection->request(std::move(forwarded), kRelayTimeout);
    if (!answer) {
        const bool timed_out = answer.error().code == remoting::errc::timeout;
        co_return RemotingCommand::response_to(
            request, timed_out ? ResponseCode::CONSUME_MSG_TIMEOUT : ResponseCode::SYSTEM_ERROR,
            "consumer <" + group + "> <" + client_id
                + "> did not answer: " + answer.error().message);
    }
    RemotingCommand response = std::move(*answer);
    response.opaque = request.opaque;
    co_return response;
}

}  // namespace

boost::asio::awaitable<RemotingCommand> handle_get_consumer_running_info(
    BrokerContext& broker, remoting::RequestContext&, const RemotingCommand& request) {
    auto h = request.decode_header<proto::GetConsumerRunningInfoRequestHeader>();
    if (!h) co_return RemotingCommand::response_to(request, h.error());
    // The client gets the admin's request as it was: same code, header fields and body.
    auto forwarded = RemotingCommand::request(request.code);
    forwarded.ext_fields = request.ext_fields;
    forwarded.body = request.body;
    co_return co_await relay_to_consumer(broker, request, std::move(forwarded), h->consumerGroup,
                                         h->clientId);
}

boost::asio::awaitable<RemotingCommand> handle_consume_message_directly(
    BrokerContext& broker, remoting::RequestContext&, const RemotingCommand& request) {
    auto h = request.decode_header<proto::ConsumeMessageDirectlyResultRequestHeader>();
    if (!h) co_return RemotingCommand::response_to(request, h.error());
    // As Java: the broker names itself and replaces the body with the stored record the offset
    // message id points at (left as it was when the id does not parse).
    auto forwarded = RemotingCommand::request(request.code);
    forwarded.ext_fields = request.ext_fields;
    if (!forwarded.ext_fields) forwarded.ext_fields.emplace();
    forwarded.ext_fields->set("brokerName", broker.identity.broker_name);
    forwarded.body = request.body;
    if (auto id = message::parse_offset_msg_id(h->msgId.value_or(""))) {
        auto record = broker.store->select_one_message_by_offset(id->commit_log_offset);
        if (record) forwarded.body.assign(record.bytes.begin(), record.bytes.end());
    }
    const std::string client_id = h->clientId.value_or("");
    co_return co_await relay_to_consumer(broker, request, std::move(forwarded), h->consumerGroup,
                                         client_id);
}

}  // namespace rmq::broker
