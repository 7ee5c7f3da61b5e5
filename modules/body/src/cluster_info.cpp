#include "body/cluster_info.hpp"

#include "json/write.hpp"
#include "reader.hpp"

namespace rmq::body {

json::Value ClusterInfo::to_json() const {
    json::Value v;
    v.set("brokerAddrTable",
          detail::string_map_to_json(broker_addr_table, [](const auto& b) { return b.to_json(); }));
    v.set("clusterAddrTable", detail::string_map_to_json(cluster_addr_table, [](const auto& s) {
              return detail::string_array(s);
          }));
    return v;
}

std::string ClusterInfo::encode() const {
    return json::write(to_json());
}

Result<ClusterInfo> ClusterInfo::from_json(const json::Value& value) {
    ClusterInfo info;
    detail::Reader reader(value, "cluster info");
    if (const json::Object* brokers = reader.object("brokerAddrTable")) {
        auto map = detail::string_map_from_json<BrokerData>(*brokers, "brokerAddrTable",
                                                            BrokerData::from_json);
        if (!map) return map.error();
        info.broker_addr_table = std::move(*map);
    }
    if (const json::Object* clusters = reader.object("clusterAddrTable")) {
        auto map = detail::string_map_from_json<std::vector<std::string>>(
            *clusters, "clusterAddrTable",
            [](const json::Value& v) { return detail::strings_from_json(v, "broker names"); });
        if (!map) return map.error();
        info.cluster_addr_table = std::move(*map);
    }
    if (auto r = reader.result(); !r) return r.error();
    return info;
}

Result<ClusterInfo> ClusterInfo::decode(std::string_view text) {
    return detail::decode_as<ClusterInfo>(text);
}

}  // namespace rmq::body
