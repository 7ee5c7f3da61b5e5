#include "body/kv_table.hpp"

#include "json/coerce.hpp"
#include "json/write.hpp"
#include "reader.hpp"

namespace rmq::body {

json::Value KVTable::to_json() const {
    json::Value v;
    v.set("table", detail::string_map_to_json(table, [](const auto& s) { return json::Value(s); }));
    return v;
}

std::string KVTable::encode() const {
    return json::write(to_json());
}

Result<KVTable> KVTable::from_json(const json::Value& value) {
    KVTable kv;
    detail::Reader reader(value, "kv table");
    if (const json::Object* table = reader.object("table")) {
        auto map = detail::string_map_from_json<std::string>(
            *table, "table", [](const json::Value& v) -> Result<std::string> {
                return json::to_text(v).value_or("");
            });
        if (!map) return map.error();
        kv.table = std::move(*map);
    }
    if (auto r = reader.result(); !r) return r.error();
    return kv;
}

Result<KVTable> KVTable::decode(std::string_view text) {
    return detail::decode_as<KVTable>(text);
}

}  // namespace rmq::body
