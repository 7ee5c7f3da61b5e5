#pragma once
// The consume path's reads (registered in src/handlers.cpp).
#include <boost/asio/awaitable.hpp>

#include "remoting/command.hpp"
#include "remoting/processor.hpp"

namespace rmq::broker {

struct BrokerContext;

/// PULL_MESSAGE, with long polling (pull_handler.cpp).
boost::asio::awaitable<remoting::RemotingCommand> handle_pull_message(
    BrokerContext& broker, remoting::RequestContext& ctx, const remoting::RemotingCommand& request);

/// QUERY_MESSAGE: by key or unique key through the index (message_query_handlers.cpp).
remoting::RemotingCommand handle_query_message(BrokerContext& broker,
                                               const remoting::RemotingCommand& request);
/// VIEW_MESSAGE_BY_ID: one record by commit-log offset (message_query_handlers.cpp).
remoting::RemotingCommand handle_view_message_by_id(BrokerContext& broker,
                                                    const remoting::RemotingCommand& request);

}  // namespace rmq::broker
