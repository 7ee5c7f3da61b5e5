#include "property_reader.hpp"

#include <limits>

#include "json/coerce.hpp"
#include "json/parse.hpp"

namespace rmq::store::detail {

StoreError bad_config(std::string message) {
    return {StoreErrc::bad_config, std::move(message)};
}

StoreError in_entry(std::string_view table, std::string_view key, const StoreError& error) {
    return bad_config(std::string(table) + "[\"" + std::string(key) + "\"]: " + error.message);
}

Result<json::Value> parse_config_text(std::string_view text) {
    auto doc = json::parse(text);
    if (!doc) return bad_config(doc.error().message);
    return std::move(*doc);
}

std::optional<int32_t> to_int32(const json::Value& value) {
    auto v = json::to_int64(value);
    if (!v || *v < std::numeric_limits<int32_t>::min() || *v > std::numeric_limits<int32_t>::max())
        return std::nullopt;
    return static_cast<int32_t>(*v);
}

std::optional<int32_t> int_key(const json::Member& member) {
    return to_int32(json::Value(member.key));
}

PropertyReader::PropertyReader(const json::Value& object, std::string what)
    : object_(object), what_(std::move(what)) {
    if (!object_.is_object()) error_ = bad_config(what_ + " is not a JSON object");
}

const json::Value* PropertyReader::property(std::string_view name) const {
    const json::Value* v = object_.find(name);
    if (v == nullptr || v->is_null() || json::is_null_text(*v)) return nullptr;
    return v;
}

void PropertyReader::fail(std::string_view name, std::string_view expected) {
    if (!error_)
        error_ = bad_config(what_ + ": property \"" + std::string(name) + "\" is not "
                            + std::string(expected));
}

PropertyReader& PropertyReader::read(std::string_view name, int32_t& out) {
    if (const json::Value* v = property(name)) {
        if (auto i = to_int32(*v)) {
            out = *i;
        } else {
            fail(name, "a 32-bit integer");
        }
    }
    return *this;
}

PropertyReader& PropertyReader::read(std::string_view name, int64_t& out) {
    if (const json::Value* v = property(name)) {
        if (auto i = json::to_int64(*v)) {
            out = *i;
        } else {
            fail(name, "an integer");
        }
    }
    return *this;
}

PropertyReader& PropertyReader::read(std::string_view name, bool& out) {
    if (const json::Value* v = property(name)) {
        if (auto b = json::to_bool(*v)) {
            out = *b;
        } else {
            fail(name, "a boolean");
        }
    }
    return *this;
}

PropertyReader& PropertyReader::read(std::string_view name, std::string& out) {
    // Only null means absent here: "" and "null" are real strings.
    const json::Value* v = object_.find(name);
    if (v == nullptr || v->is_null()) return *this;
    if (auto s = json::to_text(*v)) out = std::move(*s);
    return *this;
}

Result<void> PropertyReader::result() const {
    if (error_) return *error_;
    return {};
}

}  // namespace rmq::store::detail
