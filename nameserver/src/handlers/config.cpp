// GET_NAMESRV_CONFIG and UPDATE_NAMESRV_CONFIG: the running configuration, changed at runtime
// and written back to the `-c` file; black-listed keys are refused.
#include <string>

#include "common/log.hpp"
#include "handlers.hpp"
#include "proto/response_code.hpp"

namespace rmq::nameserver {

using proto::ResponseCode;

RemotingCommand handle_get_namesrv_config(NameServerContext& context,
                                          const RemotingCommand& request) {
    auto response = RemotingCommand::response_to(request, ResponseCode::SUCCESS);
    response.body = context.configuration.properties_text();
    return response;
}

RemotingCommand handle_update_namesrv_config(NameServerContext& context,
                                             const RemotingCommand& request) {
    const auto black_list = context.configuration.snapshot().namesrv.config_black_list;
    auto keys = context.configuration.update(request.body, black_list);
    if (!keys) return RemotingCommand::response_to(request, keys.error());
    log::info("namesrv", "configuration updated (" + std::to_string(keys->size()) + " keys)");
    return RemotingCommand::response_to(request, ResponseCode::SUCCESS);
}

}  // namespace rmq::nameserver
