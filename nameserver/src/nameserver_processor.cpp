#include "nameserver_processor.hpp"

#include <boost/asio/co_spawn.hpp>
#include <exception>

#include "handlers.hpp"

namespace rmq::nameserver {

NameServerProcessor::NameServerProcessor(RouteInfoManager& routes, KvConfigManager& kv,
                                         NameServerSettings settings)
    : configuration_(
        {}, {},
        [](const std::filesystem::path&, std::string_view) { return common::Result<void>(); }),
      context_{routes, kv, configuration_, settings} {
    register_handlers(table_, context_);
}

std::optional<remoting::RemotingCommand> NameServerProcessor::handle(
    const remoting::RemotingCommand& request, uint64_t /*channel_id*/) {
    const remoting::Processor* processor = table_.find(request.code);
    if (!processor) return std::nullopt;
    remoting::RequestContext request_context;
    std::optional<remoting::RemotingCommand> answer;
    std::exception_ptr failure;
    // The Processor signature takes a mutable request; the name server's handlers never change
    // it, which spares callers a copy of every registration body.
    boost::asio::co_spawn(
        io_, (*processor)(request_context, const_cast<remoting::RemotingCommand&>(request)),
        [&](std::exception_ptr e, std::optional<remoting::RemotingCommand> result) {
            failure = e;
            answer = std::move(result);
        });
    io_.restart();
    io_.run();
    if (failure) std::rethrow_exception(failure);
    return answer;
}

}  // namespace rmq::nameserver
