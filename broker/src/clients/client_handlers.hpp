#pragma once
// Requests from clients about themselves (registered in src/handlers.cpp).
#include "remoting/command.hpp"
#include "remoting/processor.hpp"

namespace rmq::broker {

struct BrokerContext;

// client_handlers.cpp
remoting::RemotingCommand handle_heart_beat(BrokerContext& broker, remoting::RequestContext& ctx,
                                            const remoting::RemotingCommand& request);
remoting::RemotingCommand handle_unregister_client(BrokerContext& broker,
                                                   remoting::RequestContext& ctx,
                                                   const remoting::RemotingCommand& request);
remoting::RemotingCommand handle_get_consumer_list_by_group(
    BrokerContext& broker, const remoting::RemotingCommand& request);

// lock_handlers.cpp: orderly consumers' queue locks, and the subscription check at start.
remoting::RemotingCommand handle_lock_batch_mq(BrokerContext& broker,
                                               const remoting::RemotingCommand& request);
remoting::RemotingCommand handle_unlock_batch_mq(BrokerContext& broker,
                                                 const remoting::RemotingCommand& request);
remoting::RemotingCommand handle_check_client_config(BrokerContext& broker,
                                                     const remoting::RemotingCommand& request);

}  // namespace rmq::broker
