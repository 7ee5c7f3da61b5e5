#pragma once
// What the name server's request handlers share: the route registry, the KV config, the running
// configuration and the settings fixed at start. Built by NameServer, or directly by a test
// that calls handlers without sockets.
#include <cstdint>
#include <string_view>

#include "config/command_line.hpp"
#include "config/live_configuration.hpp"
#include "kv_config_manager.hpp"
#include "remoting/processor.hpp"
#include "route_info_manager.hpp"

namespace rmq::nameserver {

/// Read once at start: UPDATE_NAMESRV_CONFIG changes the live configuration, not these.
struct NameServerSettings {
    bool order_message_enable = false;  // orderMessageEnable: routes carry orderTopicConf
};

struct NameServerContext {
    using Configuration = config::LiveConfiguration<config::NamesrvStartup>;

    RouteInfoManager& routes;
    KvConfigManager& kv;
    Configuration& configuration;
    NameServerSettings settings;
};

/// The KV namespace whose entries registration answers and routes carry (Java's
/// NamesrvUtil.NAMESPACE_ORDER_TOPIC_CONFIG).
inline constexpr std::string_view kOrderTopicConfigNamespace = "ORDER_TOPIC_CONFIG";

/// Brokers are remembered by the connection they registered on, so its close can drop them. A
/// request without a connection (a handler called directly) counts as channel 0.
inline uint64_t channel_id_of(const remoting::Connection* connection) {
    return reinterpret_cast<uintptr_t>(connection);
}
inline uint64_t channel_id_of(const remoting::RequestContext& request_context) {
    return channel_id_of(request_context.connection.get());
}

}  // namespace rmq::nameserver
