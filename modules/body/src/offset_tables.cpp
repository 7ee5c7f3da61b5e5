#include "body/offset_tables.hpp"

#include <limits>

#include "json/coerce.hpp"
#include "json/write.hpp"
#include "reader.hpp"

namespace rmq::body {

namespace {

json::Value offsets_to_json(const QueueOffsets& offsets) {
    json::Value v = json::Value::object();
    for (const auto& [key, offset] : offsets)
        v.set(std::to_string(key), offset, json::KeyStyle::bare);
    return v;
}

Result<QueueOffsets> offsets_from_json(const json::Value& value, std::string_view what) {
    const json::Object* members = value.if_object();
    if (members == nullptr) return detail::bad_body(std::string(what) + " is not a JSON object");
    QueueOffsets offsets;
    for (const json::Member& m : *members) {
        if (m.value.is_null()) continue;
        auto key = detail::int_key(m);
        if (!key || *key < std::numeric_limits<int32_t>::min()
            || *key > std::numeric_limits<int32_t>::max())
            return detail::bad_body(std::string(what) + ": key \"" + m.key
                                    + "\" is not a 32-bit integer");
        auto offset = json::to_int64(m.value);
        if (!offset)
            return detail::bad_body(std::string(what) + "[" + m.key + "] is not an integer");
        offsets[static_cast<int32_t>(*key)] = *offset;
    }
    return offsets;
}

}  // namespace

json::Value ConsumerOffsetSerializeWrapper::to_json() const {
    json::Value v;
    v.set("offsetTable", detail::string_map_to_json(offset_table, offsets_to_json));
    return v;
}

std::string ConsumerOffsetSerializeWrapper::encode() const {
    return json::write(to_json());
}

Result<ConsumerOffsetSerializeWrapper> ConsumerOffsetSerializeWrapper::from_json(
    const json::Value& value) {
    ConsumerOffsetSerializeWrapper w;
    detail::Reader reader(value, "consumer offsets");
    if (const json::Object* table = reader.object("offsetTable")) {
        auto map = detail::string_map_from_json<QueueOffsets>(
            *table, "offsetTable",
            [](const json::Value& v) { return offsets_from_json(v, "queue offsets"); });
        if (!map) return map.error();
        w.offset_table = std::move(*map);
    }
    if (auto r = reader.result(); !r) return r.error();
    return w;
}

Result<ConsumerOffsetSerializeWrapper> ConsumerOffsetSerializeWrapper::decode(
    std::string_view text) {
    return detail::decode_as<ConsumerOffsetSerializeWrapper>(text);
}

json::Value DelayOffsetSerializeWrapper::to_json() const {
    json::Value v;
    v.set("offsetTable", offsets_to_json(offset_table));
    return v;
}

std::string DelayOffsetSerializeWrapper::encode() const {
    return json::write(to_json());
}

Result<DelayOffsetSerializeWrapper> DelayOffsetSerializeWrapper::from_json(
    const json::Value& value) {
    DelayOffsetSerializeWrapper w;
    detail::Reader reader(value, "delay offsets");
    if (const json::Value* table = reader.property("offsetTable")) {
        auto offsets = offsets_from_json(*table, "offsetTable");
        if (!offsets) return offsets.error();
        w.offset_table = std::move(*offsets);
    }
    if (auto r = reader.result(); !r) return r.error();
    return w;
}

Result<DelayOffsetSerializeWrapper> DelayOffsetSerializeWrapper::decode(std::string_view text) {
    return detail::decode_as<DelayOffsetSerializeWrapper>(text);
}

}  // namespace rmq::body
