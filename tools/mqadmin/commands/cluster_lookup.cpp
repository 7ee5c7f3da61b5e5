#include "commands/cluster_lookup.hpp"

#include <algorithm>

#include "cli/failure.hpp"

namespace rmq::mqadmin {

namespace {

void add_unique(std::vector<std::string>& list, const std::string& value) {
    if (std::find(list.begin(), list.end(), value) == list.end()) list.push_back(value);
}

}  // namespace

std::vector<std::string> broker_names_of(const body::ClusterInfo& info,
                                         const std::string& cluster) {
    const auto* names = info.cluster_addr_table.find(cluster);
    if (!names || names->empty())
        fail("cluster " + cluster
             + " not found; make sure the cluster name exists and the name server is the right "
               "one");
    return *names;
}

std::vector<std::string> master_addrs_of(const body::ClusterInfo& info,
                                         const std::string& cluster) {
    std::vector<std::string> out;
    for (const auto& name : broker_names_of(info, cluster)) {
        const auto* data = info.broker_addr_table.find(name);
        if (!data) continue;
        auto it = data->broker_addrs.find(body::BrokerData::kMasterId);
        if (it != data->broker_addrs.end()) add_unique(out, it->second);
    }
    return out;
}

std::vector<std::string> all_addrs_of(const body::ClusterInfo& info, const std::string& cluster) {
    std::vector<std::string> out;
    for (const auto& name : broker_names_of(info, cluster)) {
        const auto* data = info.broker_addr_table.find(name);
        if (!data) continue;
        for (const auto& [id, addr] : data->broker_addrs)
            add_unique(out, addr);
    }
    return out;
}

std::vector<std::pair<std::string, std::vector<std::string>>> masters_with_slaves(
    const body::ClusterInfo& info, const std::string& cluster) {
    std::vector<std::pair<std::string, std::vector<std::string>>> out;
    for (const auto& name : broker_names_of(info, cluster)) {
        const auto* data = info.broker_addr_table.find(name);
        if (!data) continue;
        auto master = data->broker_addrs.find(body::BrokerData::kMasterId);
        if (master == data->broker_addrs.end()) continue;
        std::vector<std::string> slaves;
        for (const auto& [id, addr] : data->broker_addrs)
            if (id != body::BrokerData::kMasterId) slaves.push_back(addr);
        out.emplace_back(master->second, std::move(slaves));
    }
    return out;
}

std::string broker_name_of_addr(const body::ClusterInfo& info, const std::string& addr) {
    for (const auto& [name, data] : info.broker_addr_table)
        for (const auto& [id, a] : data.broker_addrs)
            if (a == addr) return name;
    fail("no broker with address " + addr + " is registered with the name server");
}

std::vector<std::string> clusters_of_broker(const body::ClusterInfo& info,
                                            const std::string& broker_name) {
    std::vector<std::string> out;
    for (const auto& [cluster, names] : info.cluster_addr_table)
        if (std::find(names.begin(), names.end(), broker_name) != names.end())
            out.push_back(cluster);
    return out;
}

}  // namespace rmq::mqadmin
