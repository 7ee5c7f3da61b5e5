#pragma once
// Consumer offsets and queue offsets (offset_handlers.cpp; registered in src/handlers.cpp).
#include "remoting/command.hpp"

namespace rmq::broker {

struct BrokerContext;

remoting::RemotingCommand handle_query_consumer_offset(BrokerContext& broker,
                                                       const remoting::RemotingCommand& request);
remoting::RemotingCommand handle_update_consumer_offset(BrokerContext& broker,
                                                        const remoting::RemotingCommand& request);
remoting::RemotingCommand handle_get_max_offset(BrokerContext& broker,
                                                const remoting::RemotingCommand& request);
remoting::RemotingCommand handle_get_min_offset(BrokerContext& broker,
                                                const remoting::RemotingCommand& request);
remoting::RemotingCommand handle_get_earliest_msg_storetime(
    BrokerContext& broker, const remoting::RemotingCommand& request);
remoting::RemotingCommand handle_search_offset_by_timestamp(
    BrokerContext& broker, const remoting::RemotingCommand& request);

}  // namespace rmq::broker
