#include "body/broker_stats_data.hpp"

#include "json/coerce.hpp"
#include "json/write.hpp"
#include "reader.hpp"

namespace rmq::body {

namespace {

/// A double property: fastjson writes 0.0 and 1.5E-5, and reads integers as well.
void read_double(detail::Reader& reader, std::string_view name, double& out) {
    const json::Value* v = reader.property(name);
    if (!v) return;
    if (const double* d = v->if_real()) {
        out = *d;
    } else if (auto i = json::to_int64(*v)) {
        out = static_cast<double>(*i);
    } else {
        reader.fail("broker stats item: property \"" + std::string(name) + "\" is not a number");
    }
}

}  // namespace

json::Value BrokerStatsItem::to_json() const {
    json::Value v;
    v.set("avgpt", avgpt);
    v.set("sum", sum);
    v.set("tps", tps);
    return v;
}

Result<BrokerStatsItem> BrokerStatsItem::from_json(const json::Value& value) {
    BrokerStatsItem item;
    detail::Reader reader(value, "broker stats item");
    reader.read("sum", item.sum);
    read_double(reader, "avgpt", item.avgpt);
    read_double(reader, "tps", item.tps);
    if (auto r = reader.result(); !r) return r.error();
    return item;
}

json::Value BrokerStatsData::to_json() const {
    json::Value v;
    v.set("statsDay", stats_day.to_json());
    v.set("statsHour", stats_hour.to_json());
    v.set("statsMinute", stats_minute.to_json());
    return v;
}

std::string BrokerStatsData::encode() const {
    return json::write(to_json());
}

Result<BrokerStatsData> BrokerStatsData::from_json(const json::Value& value) {
    BrokerStatsData data;
    detail::Reader reader(value, "broker stats data");
    if (auto r = reader.result(); !r) return r.error();
    for (auto [name, slot] :
         {std::pair{"statsDay", &data.stats_day}, std::pair{"statsHour", &data.stats_hour},
          std::pair{"statsMinute", &data.stats_minute}}) {
        const json::Value* item = reader.property(name);
        if (!item) continue;
        auto decoded = BrokerStatsItem::from_json(*item);
        if (!decoded) return decoded.error();
        *slot = *decoded;
    }
    return data;
}

Result<BrokerStatsData> BrokerStatsData::decode(std::string_view text) {
    return detail::decode_as<BrokerStatsData>(text);
}

}  // namespace rmq::body
