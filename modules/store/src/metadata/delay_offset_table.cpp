#include "store/metadata/delay_offset_table.hpp"

#include "config_io.hpp"
#include "int_key_map.hpp"
#include "json/write.hpp"
#include "property_reader.hpp"

namespace rmq::store {

json::Value DelayOffsetTable::to_json() const {
    json::Value v;
    v.set("offsetTable", detail::int_key_map_to_json(offsets));
    return v;
}

Result<DelayOffsetTable> DelayOffsetTable::from_json(const json::Value& value) {
    DelayOffsetTable t;
    detail::PropertyReader reader(value, "delayOffset.json");
    if (auto r = reader.result(); !r) return r.error();
    if (const json::Value* table = reader.property("offsetTable")) {
        auto offsets = detail::int_key_map_from_json(*table, "offsetTable");
        if (!offsets) return offsets.error();
        t.offsets = std::move(*offsets);
    }
    return t;
}

std::string DelayOffsetTable::encode() const {
    return json::write(to_json(), json::Format::pretty);
}

Result<DelayOffsetTable> DelayOffsetTable::decode(std::string_view text) {
    auto doc = detail::parse_config_text(text);
    if (!doc) return doc.error();
    return from_json(*doc);
}

Result<DelayOffsetTable> DelayOffsetTable::load(const std::filesystem::path& config_dir) {
    return detail::load_table<DelayOffsetTable>(config_dir / kFileName);
}

Result<void> DelayOffsetTable::persist(const std::filesystem::path& config_dir) const {
    return detail::persist_table(config_dir / kFileName, *this);
}

}  // namespace rmq::store
