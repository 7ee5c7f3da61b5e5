#pragma once
// The produce path's requests (registered in src/handlers.cpp).
#include <boost/asio/awaitable.hpp>

#include "remoting/command.hpp"
#include "remoting/processor.hpp"

namespace rmq::broker {

struct BrokerContext;

/// SEND_MESSAGE, SEND_MESSAGE_V2, SEND_BATCH_MESSAGE (send_handler.cpp).
boost::asio::awaitable<remoting::RemotingCommand> handle_send(
    BrokerContext& broker, remoting::RequestContext& ctx, const remoting::RemotingCommand& request);

/// SEND_REPLY_MESSAGE, SEND_REPLY_MESSAGE_V2: a reply pushed to its requester and stored
/// (reply_handler.cpp).
boost::asio::awaitable<remoting::RemotingCommand> handle_send_reply(
    BrokerContext& broker, remoting::RequestContext& ctx, const remoting::RemotingCommand& request);

/// CONSUMER_SEND_MSG_BACK: a failed message to %RETRY%<group> (delayed) or %DLQ%<group>
/// (send_back_handler.cpp).
boost::asio::awaitable<remoting::RemotingCommand> handle_consumer_send_msg_back(
    BrokerContext& broker, remoting::RequestContext& ctx, const remoting::RemotingCommand& request);

}  // namespace rmq::broker
