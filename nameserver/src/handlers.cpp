// The name server's handler table: every request code it serves, and the function that serves
// it. Codes not listed are left unanswered (the caller times out), as Java's name server does.
#include "handlers.hpp"

#include <string>
#include <type_traits>

#include "common/log.hpp"
#include "proto/request_code.hpp"
#include "remoting/server.hpp"

namespace rmq::nameserver {

namespace {

using proto::RequestCode;
using remoting::Processor;
using remoting::RequestContext;
using Answer = boost::asio::awaitable<std::optional<RemotingCommand>>;

/// Runs one handler as a remoting processor. A template per handler, not a lambda, so a stack
/// trace names the request's handler.
template <auto Handler>
Answer serve(NameServerContext& context, RequestContext& request_context,
             const RemotingCommand& request) {
    if constexpr (std::is_invocable_v<decltype(Handler), NameServerContext&, RequestContext&,
                                      const RemotingCommand&>)
        co_return Handler(context, request_context, request);
    else
        co_return Handler(context, request);
}

template <auto Handler>
struct Served {
    NameServerContext* context;
    Answer operator()(RequestContext& request_context, RemotingCommand& request) const {
        return serve<Handler>(*context, request_context, request);
    }
};

Answer leave_unanswered(RequestContext&, RemotingCommand& request) {
    log::warn("namesrv", "unsupported request code " + std::to_string(request.code)
                             + ", left unanswered as Java's name server does");
    co_return std::nullopt;
}

/// The table is written once for both places it is installed in.
struct IntoServer {
    remoting::RemotingServer& server;
    void add(RequestCode code, Processor processor) {
        server.register_processor(proto::to_int(code), std::move(processor));
    }
    void otherwise(Processor processor) { server.set_default_processor(std::move(processor)); }
};

struct IntoTable {
    remoting::ProcessorTable& table;
    void add(RequestCode code, Processor processor) {
        table.set(proto::to_int(code), std::move(processor));
    }
    void otherwise(Processor processor) { table.set_default(std::move(processor)); }
};

template <class Target>
void install(Target target, NameServerContext& c) {
    using enum RequestCode;
    // Brokers
    target.add(REGISTER_BROKER, Served<handle_register_broker>{&c});
    target.add(UNREGISTER_BROKER, Served<handle_unregister_broker>{&c});
    target.add(QUERY_DATA_VERSION, Served<handle_query_data_version>{&c});
    // Routes
    target.add(GET_ROUTEINFO_BY_TOPIC, Served<handle_get_route_info>{&c});
    target.add(GET_BROKER_CLUSTER_INFO, Served<handle_get_broker_cluster_info>{&c});
    // Topic lists
    target.add(GET_ALL_TOPIC_LIST_FROM_NAMESERVER, Served<handle_get_all_topic_list>{&c});
    target.add(GET_TOPICS_BY_CLUSTER, Served<handle_get_topics_by_cluster>{&c});
    target.add(GET_SYSTEM_TOPIC_LIST_FROM_NS, Served<handle_get_system_topic_list>{&c});
    target.add(GET_UNIT_TOPIC_LIST, Served<handle_get_unit_topic_list>{&c});
    target.add(GET_HAS_UNIT_SUB_TOPIC_LIST, Served<handle_get_has_unit_sub_topic_list>{&c});
    target.add(GET_HAS_UNIT_SUB_UNUNIT_TOPIC_LIST,
               Served<handle_get_has_unit_sub_ununit_topic_list>{&c});
    // Topic administration
    target.add(DELETE_TOPIC_IN_NAMESRV, Served<handle_delete_topic>{&c});
    target.add(WIPE_WRITE_PERM_OF_BROKER, Served<handle_wipe_write_perm>{&c});
    target.add(ADD_WRITE_PERM_OF_BROKER, Served<handle_add_write_perm>{&c});
    // KV config
    target.add(PUT_KV_CONFIG, Served<handle_put_kv_config>{&c});
    target.add(GET_KV_CONFIG, Served<handle_get_kv_config>{&c});
    target.add(DELETE_KV_CONFIG, Served<handle_delete_kv_config>{&c});
    target.add(GET_KVLIST_BY_NAMESPACE, Served<handle_get_kv_list_by_namespace>{&c});
    // Running configuration
    target.add(GET_NAMESRV_CONFIG, Served<handle_get_namesrv_config>{&c});
    target.add(UPDATE_NAMESRV_CONFIG, Served<handle_update_namesrv_config>{&c});
    // Everything else
    target.otherwise(leave_unanswered);
}

}  // namespace

void register_handlers(remoting::RemotingServer& server, NameServerContext& context) {
    install(IntoServer{server}, context);
}

void register_handlers(remoting::ProcessorTable& table, NameServerContext& context) {
    install(IntoTable{table}, context);
}

}  // namespace rmq::nameserver
