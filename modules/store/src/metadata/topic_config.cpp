#include "store/metadata/topic_config.hpp"

#include "config_io.hpp"
#include "json/write.hpp"
#include "property_reader.hpp"

namespace rmq::store {

TopicConfig& TopicConfigTable::put(TopicConfig config) {
    std::string name = config.topic_name;
    return topics.insert_or_assign(std::move(name), std::move(config));
}

json::Value TopicConfigTable::to_json() const {
    json::Value table = json::Value::object();
    for (const auto& [name, config] : topics)
        table.set(name, config.to_json());
    json::Value v;
    v.set("dataVersion", data_version.to_json());
    v.set("topicConfigTable", std::move(table));
    return v;
}

Result<TopicConfigTable> TopicConfigTable::from_json(const json::Value& value) {
    TopicConfigTable t;
    detail::PropertyReader reader(value, "topics.json");
    if (auto r = reader.result(); !r) return r.error();
    if (const json::Value* version = reader.property("dataVersion")) {
        auto v = DataVersion::from_json(*version);
        if (!v) return detail::bad_config(v.error().message);
        t.data_version = *v;
    }
    if (const json::Value* table = reader.property("topicConfigTable")) {
        const json::Object* entries = table->if_object();
        if (entries == nullptr) return detail::bad_config("topicConfigTable is not a JSON object");
        for (const json::Member& entry : *entries) {
            if (entry.value.is_null()) continue;
            auto config = TopicConfig::from_json(entry.value);
            if (!config)
                return detail::in_entry("topicConfigTable", entry.key,
                                        detail::bad_config(config.error().message));
            if (config->topic_name.empty()) config->topic_name = entry.key;
            t.topics.insert_or_assign(entry.key, std::move(*config));
        }
    }
    return t;
}

std::string TopicConfigTable::encode() const {
    return json::write(to_json(), json::Format::pretty);
}

Result<TopicConfigTable> TopicConfigTable::decode(std::string_view text) {
    auto doc = detail::parse_config_text(text);
    if (!doc) return doc.error();
    return from_json(*doc);
}

Result<TopicConfigTable> TopicConfigTable::load(const std::filesystem::path& config_dir) {
    return detail::load_table<TopicConfigTable>(config_dir / kFileName);
}

Result<void> TopicConfigTable::persist(const std::filesystem::path& config_dir) const {
    return detail::persist_table(config_dir / kFileName, *this);
}

}  // namespace rmq::store
