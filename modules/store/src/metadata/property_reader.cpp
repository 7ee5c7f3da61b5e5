#include "property_reader.hpp"

#include "json/coerce.hpp"
#include "json/parse.hpp"

namespace rmq::store::detail {

common::Error bad_config(std::string message) {
    return {errc::bad_config, std::move(message)};
}

common::Error in_entry(std::string_view table, std::string_view key, const common::Error& error) {
    return bad_config(std::string(table) + "[\"" + std::string(key) + "\"]: " + error.message);
}

Result<json::Value> parse_config_text(std::string_view text) {
    auto doc = json::parse(text);
    if (!doc) return bad_config(doc.error().message);
    return std::move(*doc);
}

std::optional<int32_t> int_key(const json::Member& member) {
    return to_int32(json::Value(member.key));
}

Result<void> PropertyReader::result() const {
    if (error()) return bad_config(*error());
    return {};
}

}  // namespace rmq::store::detail
