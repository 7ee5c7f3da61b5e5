#include "body/topic_config_serialize_wrapper.hpp"

#include "json/write.hpp"
#include "reader.hpp"

namespace rmq::body {

json::Value TopicConfigSerializeWrapper::to_json() const {
    json::Value v;
    v.set("dataVersion", data_version.to_json());
    v.set("topicConfigTable", detail::string_map_to_json(
                                  topic_config_table, [](const auto& c) { return c.to_json(); }));
    return v;
}

std::string TopicConfigSerializeWrapper::encode() const {
    return json::write(to_json());
}

Result<TopicConfigSerializeWrapper> TopicConfigSerializeWrapper::from_json(
    const json::Value& value) {
    TopicConfigSerializeWrapper w;
    detail::Reader reader(value, "topicConfigSerializeWrapper");
    if (const json::Value* version = reader.property("dataVersion")) {
        auto v = DataVersion::from_json(*version);
        if (!v) return v.error();
        w.data_version = *v;
    }
    if (const json::Object* table = reader.object("topicConfigTable")) {
        auto map = detail::string_map_from_json<TopicConfig>(*table, "topicConfigTable",
                                                             TopicConfig::from_json);
        if (!map) return map.error();
        w.topic_config_table = std::move(*map);
    }
    if (auto r = reader.result(); !r) return r.error();
    return w;
}

Result<TopicConfigSerializeWrapper> TopicConfigSerializeWrapper::decode(std::string_view text) {
    return detail::decode_as<TopicConfigSerializeWrapper>(text);
}

}  // namespace rmq::body
