#pragma once
// Every request code the broker serves, bound to its handler (handlers.cpp).
#include "remoting/server.hpp"

namespace rmq::broker {

struct BrokerContext;

/// Registers the broker's handlers on `server` (before it starts). `broker` outlives the server.
void register_handlers(remoting::RemotingServer& server, BrokerContext& broker);

}  // namespace rmq::broker
