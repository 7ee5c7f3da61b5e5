#include "store/metadata/consumer_filter_table.hpp"

#include "config_io.hpp"
#include "json/write.hpp"
#include "property_reader.hpp"

namespace rmq::store {

json::Value ConsumerFilterTable::to_json() const {
    json::Value v;
    v.set("filterDataByTopic", json::Value::object());
    return v;
}

Result<ConsumerFilterTable> ConsumerFilterTable::from_json(const json::Value& value) {
    detail::PropertyReader reader(value, "consumerFilter.json");
    if (auto r = reader.result(); !r) return r.error();
    const json::Value* topics = reader.property("filterDataByTopic");
    if (topics != nullptr && !topics->is_object())
        return detail::bad_config("filterDataByTopic is not a JSON object");
    return ConsumerFilterTable{};
}

std::string ConsumerFilterTable::encode() const {
    return json::write(to_json(), json::Format::pretty);
}

Result<ConsumerFilterTable> ConsumerFilterTable::decode(std::string_view text) {
    auto doc = detail::parse_config_text(text);
    if (!doc) return doc.error();
    return from_json(*doc);
}

Result<ConsumerFilterTable> ConsumerFilterTable::load(const std::filesystem::path& config_dir) {
    return detail::load_table<ConsumerFilterTable>(config_dir / kFileName);
}

Result<void> ConsumerFilterTable::persist(const std::filesystem::path& config_dir) const {
    return detail::persist_table(config_dir / kFileName, *this);
}

}  // namespace rmq::store
