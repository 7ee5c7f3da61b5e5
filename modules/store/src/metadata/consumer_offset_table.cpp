#include "store/metadata/consumer_offset_table.hpp"

#include "config_io.hpp"
#include "int_key_map.hpp"
#include "json/write.hpp"
#include "property_reader.hpp"

namespace rmq::store {

std::string ConsumerOffsetTable::key(std::string_view topic, std::string_view group) {
    std::string k;
    k.reserve(topic.size() + 1 + group.size());
    k.append(topic).push_back('@');
    k.append(group);
    return k;
}

void ConsumerOffsetTable::commit(std::string_view topic, std::string_view group, int32_t queue_id,
                                 int64_t offset) {
    offsets[key(topic, group)][queue_id] = offset;
}

std::optional<int64_t> ConsumerOffsetTable::query(std::string_view topic, std::string_view group,
                                                  int32_t queue_id) const {
    const QueueOffsets* queues = offsets.find(key(topic, group));
    if (queues == nullptr) return std::nullopt;
    auto it = queues->find(queue_id);
    if (it == queues->end()) return std::nullopt;
    return it->second;
}

json::Value ConsumerOffsetTable::to_json() const {
    json::Value table = json::Value::object();
    for (const auto& [k, queues] : offsets)
        table.set(k, detail::int_key_map_to_json(queues));
    json::Value v;
    v.set("offsetTable", std::move(table));
    return v;
}

Result<ConsumerOffsetTable> ConsumerOffsetTable::from_json(const json::Value& value) {
    ConsumerOffsetTable t;
    detail::PropertyReader reader(value, "consumerOffset.json");
    if (auto r = reader.result(); !r) return r.error();
    const json::Value* table = reader.property("offsetTable");
    if (table == nullptr) return t;
    const json::Object* entries = table->if_object();
    if (entries == nullptr) return detail::bad_config("offsetTable is not a JSON object");
    for (const json::Member& entry : *entries) {
        if (entry.value.is_null()) continue;
        auto queues = detail::int_key_map_from_json(entry.value, "offsets");
        if (!queues) return detail::in_entry("offsetTable", entry.key, queues.error());
        t.offsets.insert_or_assign(entry.key, std::move(*queues));
    }
    return t;
}

std::string ConsumerOffsetTable::encode() const {
    return json::write(to_json(), json::Format::pretty);
}

Result<ConsumerOffsetTable> ConsumerOffsetTable::decode(std::string_view text) {
    auto doc = detail::parse_config_text(text);
    if (!doc) return doc.error();
    return from_json(*doc);
}

Result<ConsumerOffsetTable> ConsumerOffsetTable::load(const std::filesystem::path& config_dir) {
    return detail::load_table<ConsumerOffsetTable>(config_dir / kFileName);
}

Result<void> ConsumerOffsetTable::persist(const std::filesystem::path& config_dir) const {
    return detail::persist_table(config_dir / kFileName, *this);
}

}  // namespace rmq::store
