#pragma once
// BrokerData (spec/headers.md §B.3): a broker group's name, cluster and addresses by broker id.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "body/error.hpp"
#include "json/value.hpp"

namespace rmq::body {

struct BrokerData {
    static constexpr int64_t kMasterId = 0;  // MixAll.MASTER_ID

    std::string cluster;
    std::string broker_name;
    /// Java's HashMap<Long, String>: small non-negative ids iterate in ascending order, which
    /// is the order of this map, so the output matches Java's.
    std::map<int64_t, std::string> broker_addrs;

    /// The master's address (id 0), else any (the lowest id), else nullopt.
    std::optional<std::string> select_broker_addr() const;

    /// {"brokerAddrs":{0:"ip:port",…},"brokerName":…,"cluster":…}: broker ids as bare keys, as
    /// fastjson writes Long keys (written quoted by Format::browser_compatible).
    json::Value to_json() const;
    std::string encode() const;
    /// Broker ids may be bare or quoted; a key that is not an integer is an error.
    static Result<BrokerData> from_json(const json::Value& value);
    static Result<BrokerData> decode(std::string_view text);

    friend bool operator==(const BrokerData&, const BrokerData&) = default;
};

}  // namespace rmq::body
