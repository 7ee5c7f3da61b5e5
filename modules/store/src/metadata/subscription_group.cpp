#include "store/metadata/subscription_group.hpp"

#include "config_io.hpp"
#include "json/write.hpp"
#include "property_reader.hpp"

namespace rmq::store {

SubscriptionGroupConfig& SubscriptionGroupTable::put(SubscriptionGroupConfig config) {
    std::string name = config.group_name;
    return groups.insert_or_assign(std::move(name), std::move(config));
}

json::Value SubscriptionGroupTable::to_json() const {
    json::Value table = json::Value::object();
    for (const auto& [name, config] : groups)
        table.set(name, config.to_json());
    json::Value v;
    v.set("dataVersion", data_version.to_json());
    v.set("subscriptionGroupTable", std::move(table));
    return v;
}

Result<SubscriptionGroupTable> SubscriptionGroupTable::from_json(const json::Value& value) {
    SubscriptionGroupTable t;
    detail::PropertyReader reader(value, "subscriptionGroup.json");
    if (auto r = reader.result(); !r) return r.error();
    if (const json::Value* version = reader.property("dataVersion")) {
        auto v = DataVersion::from_json(*version);
        if (!v) return detail::bad_config(v.error().message);
        t.data_version = *v;
    }
    if (const json::Value* table = reader.property("subscriptionGroupTable")) {
        const json::Object* entries = table->if_object();
        if (entries == nullptr)
            return detail::bad_config("subscriptionGroupTable is not a JSON object");
        for (const json::Member& entry : *entries) {
            if (entry.value.is_null()) continue;
            auto config = SubscriptionGroupConfig::from_json(entry.value);
            if (!config)
                return detail::in_entry("subscriptionGroupTable", entry.key,
                                        detail::bad_config(config.error().message));
            if (config->group_name.empty()) config->group_name = entry.key;
            t.groups.insert_or_assign(entry.key, std::move(*config));
        }
    }
    return t;
}

std::string SubscriptionGroupTable::encode() const {
    return json::write(to_json(), json::Format::pretty);
}

Result<SubscriptionGroupTable> SubscriptionGroupTable::decode(std::string_view text) {
    auto doc = detail::parse_config_text(text);
    if (!doc) return doc.error();
    return from_json(*doc);
}

Result<SubscriptionGroupTable> SubscriptionGroupTable::load(
    const std::filesystem::path& config_dir) {
    return detail::load_table<SubscriptionGroupTable>(config_dir / kFileName);
}

Result<void> SubscriptionGroupTable::persist(const std::filesystem::path& config_dir) const {
    return detail::persist_table(config_dir / kFileName, *this);
}

}  // namespace rmq::store
