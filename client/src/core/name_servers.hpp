#pragma once
// Where the name servers are, in RocketMQ's order of priority: given in code, the system
// property rocketmq.namesrv.addr, NAMESRV_ADDR, and the HTTP address service.
#include <string>
#include <vector>

#include "rocketmq/options.hpp"

namespace rocketmq::detail {

/// The addresses from code, property or environment (empty if none gives any).
std::vector<std::string> configured_name_servers(const ClientOptions& options);
/// The address-service URL when one is configured (options or rocketmq.namesrv.domain), else "".
std::string name_server_service_url(const ClientOptions& options);
/// "a:1;b:2" → {"a:1","b:2"}.
std::vector<std::string> split_addresses(const std::string& list);

}  // namespace rocketmq::detail
