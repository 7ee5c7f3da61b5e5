#pragma once
// The name server's request handlers (Java's DefaultRequestProcessor, spec/headers.md §A.3) and
// the one table that maps request codes to them (handlers.cpp). Each handler decodes its
// header and body, applies it to the registry or the KV config and builds the answer RocketMQ's
// clients, brokers and mqadmin expect. They answer at once, so none is a coroutine; a handler
// that needs the peer takes the RequestContext (its connection may be null in tests).
#include "context.hpp"
#include "remoting/command.hpp"
#include "remoting/processor.hpp"

namespace rmq::remoting {
class RemotingServer;
}

namespace rmq::nameserver {

using remoting::RemotingCommand;

/// Every request code the name server serves, each with its handler; codes not listed stay
/// unanswered, as with Java's name server. `context` must outlive the server.
void register_handlers(remoting::RemotingServer& server, NameServerContext& context);
/// The same table filled into a bare ProcessorTable (requests fed without a server).
void register_handlers(remoting::ProcessorTable& table, NameServerContext& context);

// handlers/broker_registration.cpp
RemotingCommand handle_register_broker(NameServerContext& context,
                                       remoting::RequestContext& request_context,
                                       const RemotingCommand& request);
RemotingCommand handle_unregister_broker(NameServerContext& context,
                                         const RemotingCommand& request);
RemotingCommand handle_query_data_version(NameServerContext& context,
                                          const RemotingCommand& request);

// handlers/routes.cpp
RemotingCommand handle_get_route_info(NameServerContext& context, const RemotingCommand& request);
RemotingCommand handle_get_broker_cluster_info(NameServerContext& context,
                                               const RemotingCommand& request);

// handlers/topic_lists.cpp
RemotingCommand handle_get_all_topic_list(NameServerContext& context,
                                          const RemotingCommand& request);
RemotingCommand handle_get_topics_by_cluster(NameServerContext& context,
                                             const RemotingCommand& request);
RemotingCommand handle_get_system_topic_list(NameServerContext& context,
                                             const RemotingCommand& request);
RemotingCommand handle_get_unit_topic_list(NameServerContext& context,
                                           const RemotingCommand& request);
RemotingCommand handle_get_has_unit_sub_topic_list(NameServerContext& context,
                                                   const RemotingCommand& request);
RemotingCommand handle_get_has_unit_sub_ununit_topic_list(NameServerContext& context,
                                                          const RemotingCommand& request);

// handlers/topic_admin.cpp
RemotingCommand handle_delete_topic(NameServerContext& context, const RemotingCommand& request);
RemotingCommand handle_wipe_write_perm(NameServerContext& context, const RemotingCommand& request);
RemotingCommand handle_add_write_perm(NameServerContext& context, const RemotingCommand& request);

// handlers/kv_config.cpp
RemotingCommand handle_put_kv_config(NameServerContext& context, const RemotingCommand& request);
RemotingCommand handle_get_kv_config(NameServerContext& context, const RemotingCommand& request);
RemotingCommand handle_delete_kv_config(NameServerContext& context, const RemotingCommand& request);
RemotingCommand handle_get_kv_list_by_namespace(NameServerContext& context,
                                                const RemotingCommand& request);

// handlers/config.cpp
RemotingCommand handle_get_namesrv_config(NameServerContext& context,
                                          const RemotingCommand& request);
RemotingCommand handle_update_namesrv_config(NameServerContext& context,
                                             const RemotingCommand& request);

}  // namespace rmq::nameserver
