#include "store/metadata/topic_config.hpp"

#include "config_io.hpp"
#include "json/write.hpp"
#include "property_reader.hpp"

namespace rmq::store {

std::string_view topic_filter_type_name(TopicFilterType type) {
    return type == TopicFilterType::multi_tag ? "MULTI_TAG" : "SINGLE_TAG";
}

namespace {
TopicFilterType topic_filter_type_from_json(const json::Value& v) {
    const bool multi =
        (v.if_string() && *v.if_string() == "MULTI_TAG") || (v.if_int() && *v.if_int() == 1);
    return multi ? TopicFilterType::multi_tag : TopicFilterType::single_tag;
}
}  // namespace

json::Value TopicConfig::to_json() const {
    json::Value v;
    v.set("order", order);
    v.set("perm", perm);
    v.set("readQueueNums", read_queue_nums);
    v.set("topicFilterType", topic_filter_type_name(topic_filter_type));
    v.set("topicName", topic_name);
    v.set("topicSysFlag", topic_sys_flag);
    v.set("writeQueueNums", write_queue_nums);
    return v;
}

Result<TopicConfig> TopicConfig::from_json(const json::Value& value) {
    TopicConfig c;
    detail::PropertyReader reader(value, "topic config");
    reader.read("order", c.order)
        .read("perm", c.perm)
        .read("readQueueNums", c.read_queue_nums)
        .read("topicName", c.topic_name)
        .read("topicSysFlag", c.topic_sys_flag)
        .read("writeQueueNums", c.write_queue_nums);
    if (auto r = reader.result(); !r) return r.error();
    if (const json::Value* type = reader.property("topicFilterType"))
        c.topic_filter_type = topic_filter_type_from_json(*type);
    return c;
}

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
        if (!v) return v.error();
        t.data_version = *v;
    }
    if (const json::Value* table = reader.property("topicConfigTable")) {
        const json::Object* entries = table->if_object();
        if (entries == nullptr) return detail::bad_config("topicConfigTable is not a JSON object");
        for (const json::Member& entry : *entries) {
            if (entry.value.is_null()) continue;
            auto config = TopicConfig::from_json(entry.value);
            if (!config) return detail::in_entry("topicConfigTable", entry.key, config.error());
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
