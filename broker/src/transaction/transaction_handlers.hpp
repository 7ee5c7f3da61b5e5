#pragma once
// Transactional messages' requests (registered in src/handlers.cpp).
#include <boost/asio/awaitable.hpp>
#include <optional>

#include "remoting/command.hpp"
#include "remoting/processor.hpp"

namespace rmq::broker {

struct BrokerContext;

/// END_TRANSACTION: a half message committed (copied to its real topic) or rolled back; no
/// answer for an unknown verdict, as Java (end_transaction_handler.cpp).
boost::asio::awaitable<std::optional<remoting::RemotingCommand>> handle_end_transaction(
    BrokerContext& broker, remoting::RequestContext& ctx, const remoting::RemotingCommand& request);

}  // namespace rmq::broker
