#pragma once
// Which brokers a cluster name stands for, from GET_BROKER_CLUSTER_INFO (CommandUtil's
// lookups). Unlike Java, an unknown cluster is a failure rather than a printed warning
// followed by success, so scripts notice it.
#include <string>
#include <utility>
#include <vector>

#include "body/cluster_info.hpp"

namespace rmq::mqadmin {

/// The broker names of `cluster` in the name server's order; fails if it is unknown or empty.
std::vector<std::string> broker_names_of(const body::ClusterInfo& info, const std::string& cluster);
/// The masters' addresses (broker id 0) of `cluster`, without duplicates.
std::vector<std::string> master_addrs_of(const body::ClusterInfo& info, const std::string& cluster);
/// Every address (masters and slaves) of `cluster`.
std::vector<std::string> all_addrs_of(const body::ClusterInfo& info, const std::string& cluster);
/// Master address → its slaves' addresses.
std::vector<std::pair<std::string, std::vector<std::string>>> masters_with_slaves(
    const body::ClusterInfo& info, const std::string& cluster);
/// The broker name that has `addr` among its addresses; fails if none.
std::string broker_name_of_addr(const body::ClusterInfo& info, const std::string& addr);
/// The clusters whose broker set contains `broker_name`.
std::vector<std::string> clusters_of_broker(const body::ClusterInfo& info,
                                            const std::string& broker_name);

}  // namespace rmq::mqadmin
