#include "body/broker_data.hpp"

#include "json/coerce.hpp"
#include "json/write.hpp"
#include "reader.hpp"

namespace rmq::body {

std::optional<std::string> BrokerData::select_broker_addr() const {
    if (auto it = broker_addrs.find(kMasterId); it != broker_addrs.end()) return it->second;
    if (broker_addrs.empty()) return std::nullopt;
    return broker_addrs.begin()->second;
}

json::Value BrokerData::to_json() const {
    json::Value addrs = json::Value::object();
    for (const auto& [id, addr] : broker_addrs)
        addrs.set(std::to_string(id), addr, json::KeyStyle::bare);
    json::Value v;
    v.set("brokerAddrs", std::move(addrs));
    v.set("brokerName", broker_name);
    v.set("cluster", cluster);
    return v;
}

std::string BrokerData::encode() const {
    return json::write(to_json());
}

Result<BrokerData> BrokerData::from_json(const json::Value& value) {
    BrokerData b;
    detail::Reader reader(value, "broker data");
    reader.read("brokerName", b.broker_name).read("cluster", b.cluster);
    if (const json::Object* addrs = reader.object("brokerAddrs")) {
        for (const json::Member& m : *addrs) {
            if (m.value.is_null()) continue;
            auto id = detail::int_key(m);
            if (!id) {
                reader.fail("broker data: broker id \"" + m.key + "\" is not an integer");
                break;
            }
            b.broker_addrs[*id] = json::to_text(m.value).value_or("");
        }
    }
    if (auto r = reader.result(); !r) return r.error();
    return b;
}

Result<BrokerData> BrokerData::decode(std::string_view text) {
    return detail::decode_as<BrokerData>(text);
}

}  // namespace rmq::body
