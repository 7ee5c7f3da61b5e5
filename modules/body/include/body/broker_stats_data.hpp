#pragma once
// BrokerStatsData (VIEW_BROKER_STATS_DATA's answer): a stats item's figures over the last
// minute, hour and day, each BrokerStatsItem {"avgpt":<double>,"sum":<long>,"tps":<double>}.
#include <cstdint>
#include <string>
#include <string_view>

#include "body/error.hpp"
#include "json/value.hpp"

namespace rmq::body {

struct BrokerStatsItem {
    int64_t sum = 0;
    double tps = 0;
    double avgpt = 0;

    json::Value to_json() const;
    static Result<BrokerStatsItem> from_json(const json::Value& value);

    friend bool operator==(const BrokerStatsItem&, const BrokerStatsItem&) = default;
};

struct BrokerStatsData {
    BrokerStatsItem stats_minute;
    BrokerStatsItem stats_hour;
    BrokerStatsItem stats_day;

    /// {"statsDay":…,"statsHour":…,"statsMinute":…}
    json::Value to_json() const;
    std::string encode() const;
    static Result<BrokerStatsData> from_json(const json::Value& value);
    static Result<BrokerStatsData> decode(std::string_view text);

    friend bool operator==(const BrokerStatsData&, const BrokerStatsData&) = default;
};

}  // namespace rmq::body
