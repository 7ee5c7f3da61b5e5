#include "int_key_map.hpp"

#include <string>

#include "json/coerce.hpp"
#include "property_reader.hpp"

namespace rmq::store::detail {

json::Value int_key_map_to_json(const IntKeyMap& map) {
    json::Value v = json::Value::object();
    for (const auto& [key, offset] : map)
        v.set(std::to_string(key), offset, json::KeyStyle::bare);
    return v;
}

Result<IntKeyMap> int_key_map_from_json(const json::Value& value, std::string_view what) {
    const json::Object* members = value.if_object();
    if (members == nullptr) return bad_config(std::string(what) + " is not a JSON object");
    IntKeyMap map;
    for (const json::Member& m : *members) {
        if (m.value.is_null()) continue;
        auto key = int_key(m);
        if (!key) return bad_config(std::string(what) + ": key " + m.key + " is not an integer");
        auto offset = json::to_int64(m.value);
        if (!offset)
            return bad_config(std::string(what) + ": the value of " + m.key + " is not an integer");
        map[*key] = *offset;
    }
    return map;
}

}  // namespace rmq::store::detail
