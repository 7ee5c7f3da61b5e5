#pragma once
// The administration requests (mqadmin, the console; registered in src/handlers.cpp). Each
// answers at once from the broker's state, except those that ask a consumer and await it.
#include <boost/asio/awaitable.hpp>

#include "remoting/command.hpp"
#include "remoting/processor.hpp"

namespace rmq::broker {

struct BrokerContext;

// topic_group_admin_handlers.cpp: topics and subscription groups
remoting::RemotingCommand handle_update_and_create_topic(BrokerContext& broker,
                                                         const remoting::RemotingCommand& request);
remoting::RemotingCommand handle_delete_topic_in_broker(BrokerContext& broker,
                                                        const remoting::RemotingCommand& request);
remoting::RemotingCommand handle_get_all_topic_config(BrokerContext& broker,
                                                      const remoting::RemotingCommand& request);
remoting::RemotingCommand handle_update_and_create_subscription_group(
    BrokerContext& broker, const remoting::RemotingCommand& request);
remoting::RemotingCommand handle_get_all_subscription_group_config(
    BrokerContext& broker, const remoting::RemotingCommand& request);
remoting::RemotingCommand handle_delete_subscription_group(
    BrokerContext& broker, const remoting::RemotingCommand& request);

// broker_admin_handlers.cpp: broker config, runtime info, topic stats, connections
remoting::RemotingCommand handle_get_broker_config(BrokerContext& broker,
                                                   const remoting::RemotingCommand& request);
remoting::RemotingCommand handle_update_broker_config(BrokerContext& broker,
                                                      const remoting::RemotingCommand& request);
remoting::RemotingCommand handle_get_broker_runtime_info(BrokerContext& broker,
                                                         const remoting::RemotingCommand& request);
remoting::RemotingCommand handle_get_topic_stats_info(BrokerContext& broker,
                                                      const remoting::RemotingCommand& request);
remoting::RemotingCommand handle_get_consumer_connection_list(
    BrokerContext& broker, const remoting::RemotingCommand& request);
remoting::RemotingCommand handle_get_producer_connection_list(
    BrokerContext& broker, const remoting::RemotingCommand& request);
remoting::RemotingCommand handle_query_topic_consume_by_who(
    BrokerContext& broker, const remoting::RemotingCommand& request);
remoting::RemotingCommand handle_get_all_consumer_offset(BrokerContext& broker,
                                                         const remoting::RemotingCommand& request);
remoting::RemotingCommand handle_get_system_topic_list_from_broker(
    BrokerContext& broker, const remoting::RemotingCommand& request);

// consumer_admin_handlers.cpp: consume progress
remoting::RemotingCommand handle_get_consume_stats(BrokerContext& broker,
                                                   const remoting::RemotingCommand& request);
remoting::RemotingCommand handle_get_broker_consume_stats(BrokerContext& broker,
                                                          const remoting::RemotingCommand& request);

// consumer_reset_handlers.cpp: offsets pushed to and read from live consumers
remoting::RemotingCommand handle_invoke_broker_to_reset_offset(
    BrokerContext& broker, const remoting::RemotingCommand& request);

// diagnostic_handlers.cpp: stats, delay offsets, producers, manual clean-ups
remoting::RemotingCommand handle_view_broker_stats_data(BrokerContext& broker,
                                                        const remoting::RemotingCommand& request);
remoting::RemotingCommand handle_clone_group_offset(BrokerContext& broker,
                                                    const remoting::RemotingCommand& request);
remoting::RemotingCommand handle_get_all_delay_offset(BrokerContext& broker,
                                                      const remoting::RemotingCommand& request);
remoting::RemotingCommand handle_delete_expired_commitlog(BrokerContext& broker,
                                                          const remoting::RemotingCommand& request);
remoting::RemotingCommand handle_clean_expired_consumequeue(
    BrokerContext& broker, const remoting::RemotingCommand& request);
remoting::RemotingCommand handle_clean_unused_topic(BrokerContext& broker,
                                                    const remoting::RemotingCommand& request);
remoting::RemotingCommand handle_get_all_producer_info(BrokerContext& broker,
                                                       const remoting::RemotingCommand& request);

// queue_diagnostic_handlers.cpp: per-queue diagnostics
remoting::RemotingCommand handle_query_consume_queue(BrokerContext& broker,
                                                     const remoting::RemotingCommand& request);
remoting::RemotingCommand handle_query_consume_time_span(BrokerContext& broker,
                                                         const remoting::RemotingCommand& request);
remoting::RemotingCommand handle_query_correction_offset(BrokerContext& broker,
                                                         const remoting::RemotingCommand& request);

// Awaiting a consumer's answer (consumer_reset_handlers.cpp, consumer_relay_handlers.cpp).
boost::asio::awaitable<remoting::RemotingCommand> handle_invoke_broker_to_get_consumer_status(
    BrokerContext& broker, remoting::RequestContext& ctx, const remoting::RemotingCommand& request);
boost::asio::awaitable<remoting::RemotingCommand> handle_get_consumer_running_info(
    BrokerContext& broker, remoting::RequestContext& ctx, const remoting::RemotingCommand& request);
boost::asio::awaitable<remoting::RemotingCommand> handle_consume_message_directly(
    BrokerContext& broker, remoting::RequestContext& ctx, const remoting::RemotingCommand& request);

}  // namespace rmq::broker
