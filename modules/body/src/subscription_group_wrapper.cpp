#include "body/subscription_group_wrapper.hpp"

#include "json/write.hpp"
#include "reader.hpp"

namespace rmq::body {

json::Value SubscriptionGroupWrapper::to_json() const {
    json::Value v;
    v.set("dataVersion", data_version.to_json());
    v.set("subscriptionGroupTable",
          detail::string_map_to_json(subscription_group_table,
                                     [](const auto& c) { return c.to_json(); }));
    return v;
}

std::string SubscriptionGroupWrapper::encode() const {
    return json::write(to_json());
}

Result<SubscriptionGroupWrapper> SubscriptionGroupWrapper::from_json(const json::Value& value) {
    SubscriptionGroupWrapper w;
    detail::Reader reader(value, "subscription group wrapper");
    if (const json::Value* version = reader.property("dataVersion")) {
        auto v = DataVersion::from_json(*version);
        if (!v) return v.error();
        w.data_version = *v;
    }
    if (const json::Object* table = reader.object("subscriptionGroupTable")) {
        auto map = detail::string_map_from_json<SubscriptionGroupConfig>(
            *table, "subscriptionGroupTable", SubscriptionGroupConfig::from_json);
        if (!map) return map.error();
        w.subscription_group_table = std::move(*map);
    }
    if (auto r = reader.result(); !r) return r.error();
    return w;
}

Result<SubscriptionGroupWrapper> SubscriptionGroupWrapper::decode(std::string_view text) {
    return detail::decode_as<SubscriptionGroupWrapper>(text);
}

}  // namespace rmq::body
