#pragma once
// The handler table (handlers.cpp) driven without a server or sockets, one request at a time on
// the caller's thread: the fuzz target and the registration benchmark feed it requests. Servers
// and tests of single handlers use register_handlers and the handle_* functions instead.
#include <boost/asio/io_context.hpp>
#include <cstdint>
#include <optional>

#include "context.hpp"
#include "kv_config_manager.hpp"
#include "remoting/command.hpp"
#include "remoting/processor.hpp"
#include "route_info_manager.hpp"

namespace rmq::nameserver {

class NameServerProcessor {
  public:
    /// GET/UPDATE_NAMESRV_CONFIG see a default configuration whose updates are not written.
    NameServerProcessor(RouteInfoManager& routes, KvConfigManager& kv, NameServerSettings settings);

    /// The handler's answer, or nothing for codes a name server leaves unanswered. A handler's
    /// exception reaches the caller (a server would answer SYSTEM_ERROR). `channel_id` is kept
    /// for the callers' sake: without a connection every request counts as channel 0.
    std::optional<remoting::RemotingCommand> handle(const remoting::RemotingCommand& request,
                                                    uint64_t channel_id = 0);

  private:
    NameServerContext::Configuration configuration_;
    NameServerContext context_;
    remoting::ProcessorTable table_;
    boost::asio::io_context io_;
};

}  // namespace rmq::nameserver
