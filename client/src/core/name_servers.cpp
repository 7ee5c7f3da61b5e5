#include "core/name_servers.hpp"

#include <cstdlib>
#include <map>
#include <mutex>

#include "common/split.hpp"
#include "core/system_properties.hpp"
#include "http/address_fetcher.hpp"
#include "rocketmq/options.hpp"

namespace rocketmq {

namespace {
std::mutex properties_mutex;
std::map<std::string, std::string>& properties() {
    static std::map<std::string, std::string> table;
    return table;
}
}  // namespace

void set_system_property(const std::string& key, const std::string& value) {
    std::lock_guard lock(properties_mutex);
    properties()[key] = value;
}

}  // namespace rocketmq

namespace rocketmq::detail {

std::optional<std::string> system_property(const std::string& key) {
    {
        std::lock_guard lock(properties_mutex);
        if (auto it = properties().find(key); it != properties().end()) return it->second;
    }
    if (const char* env = std::getenv(key.c_str()); env && *env) return std::string(env);
    return std::nullopt;
}

std::vector<std::string> split_addresses(const std::string& list) {
    std::vector<std::string> out;
    for (auto piece : rmq::common::split_nonempty(list, ';')) {
        std::string addr(piece);
        std::erase_if(addr, [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; });
        if (!addr.empty()) out.push_back(std::move(addr));
    }
    return out;
}

std::vector<std::string> configured_name_servers(const ClientOptions& options) {
    if (!options.namesrv_addr.empty()) return split_addresses(options.namesrv_addr);
    if (auto p = system_property("rocketmq.namesrv.addr")) return split_addresses(*p);
    if (const char* env = std::getenv("NAMESRV_ADDR"); env && *env) return split_addresses(env);
    return {};
}

std::string name_server_service_url(const ClientOptions& options) {
    std::string domain = options.namesrv_domain;
    if (domain.empty()) domain = system_property("rocketmq.namesrv.domain").value_or("");
    if (domain.empty()) return {};
    const std::string subgroup = system_property("rocketmq.namesrv.domain.subgroup")
                                     .value_or(options.namesrv_domain_subgroup);
    return rmq::http::address_service_url(domain, subgroup);
}

}  // namespace rocketmq::detail
