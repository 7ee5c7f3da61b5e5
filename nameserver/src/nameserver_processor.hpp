#pragma once
// The name server's request handling (DefaultRequestProcessor, spec/headers.md §A.3): decodes the
// header and body of each name-server command, applies it to the route registry or the KV
// config, and builds the response RocketMQ's clients, brokers and mqadmin expect.
#include <cstdint>
#include <optional>
#include <string>

#include "config/command_line.hpp"
#include "config/live_configuration.hpp"
#include "kv_config_manager.hpp"
#include "remoting/command.hpp"
#include "remoting/server.hpp"
#include "route_info_manager.hpp"

namespace rmq::nameserver {

struct ProcessorSettings {
    bool order_message_enable = false;  // orderMessageEnable: routes carry orderTopicConf
};

class NameServerProcessor {
  public:
    using Configuration = config::LiveConfiguration<config::NamesrvStartup>;

    /// Without `configuration` GET/UPDATE_NAMESRV_CONFIG are left unanswered.
    NameServerProcessor(RouteInfoManager& routes, KvConfigManager& kv, ProcessorSettings settings,
                        Configuration* configuration = nullptr)
        : routes_(routes), kv_(kv), settings_(settings), configuration_(configuration) {}

    /// Registers a handler for every name-server request code.
    void register_with(remoting::RemotingServer& server);

    /// One request; `channel_id` identifies its connection (a closed connection drops the
    /// brokers registered on it). Nothing for codes a name server does not know.
    std::optional<remoting::RemotingCommand> handle(const remoting::RemotingCommand& request,
                                                    uint64_t channel_id);

  private:
    remoting::RemotingCommand register_broker(const remoting::RemotingCommand& request,
                                              uint64_t channel_id);
    remoting::RemotingCommand unregister_broker(const remoting::RemotingCommand& request);
    remoting::RemotingCommand query_data_version(const remoting::RemotingCommand& request);
    remoting::RemotingCommand route_info(const remoting::RemotingCommand& request);
    remoting::RemotingCommand cluster_info(const remoting::RemotingCommand& request);
    remoting::RemotingCommand topic_list(const remoting::RemotingCommand& request);
    remoting::RemotingCommand delete_topic(const remoting::RemotingCommand& request);
    remoting::RemotingCommand write_perm(const remoting::RemotingCommand& request, bool wipe);
    remoting::RemotingCommand put_kv(const remoting::RemotingCommand& request);
    remoting::RemotingCommand get_kv(const remoting::RemotingCommand& request);
    remoting::RemotingCommand delete_kv(const remoting::RemotingCommand& request);
    remoting::RemotingCommand kv_list(const remoting::RemotingCommand& request);
    remoting::RemotingCommand get_config(const remoting::RemotingCommand& request);
    remoting::RemotingCommand update_config(const remoting::RemotingCommand& request);

    RouteInfoManager& routes_;
    KvConfigManager& kv_;
    ProcessorSettings settings_;
    Configuration* configuration_;
};

}  // namespace rmq::nameserver
