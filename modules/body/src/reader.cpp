#include "reader.hpp"

#include <limits>

#include "json/coerce.hpp"
#include "json/parse.hpp"

namespace rmq::body::detail {

BodyError bad_body(std::string message) {
    return {std::move(message)};
}

BodyError within(std::string_view what, const BodyError& error) {
    return bad_body(std::string(what) + ": " + error.message);
}

Result<json::Value> parse_text(std::string_view text) {
    auto doc = json::parse(text);
    if (!doc) return bad_body(doc.error().message);
    return std::move(*doc);
}

std::optional<int32_t> to_int32(const json::Value& value) {
    auto v = json::to_int64(value);
    if (!v || *v < std::numeric_limits<int32_t>::min() || *v > std::numeric_limits<int32_t>::max())
        return std::nullopt;
    return static_cast<int32_t>(*v);
}

std::optional<int64_t> int_key(const json::Member& member) {
    return json::to_int64(json::Value(member.key));
}

std::optional<size_t> enum_ordinal(const json::Value& value,
                                   std::span<const std::string_view> names) {
    if (const std::string* s = value.if_string()) {
        for (size_t i = 0; i < names.size(); ++i)
            if (names[i] == *s) return i;
    }
    if (value.is_int() || value.is_string()) {
        auto i = json::to_int64(value);
        if (i && *i >= 0 && static_cast<uint64_t>(*i) < names.size())
            return static_cast<size_t>(*i);
    }
    return std::nullopt;
}

Reader::Reader(const json::Value& object, std::string what)
    : object_(object), what_(std::move(what)) {
    if (!object_.is_object()) error_ = bad_body(what_ + " is not a JSON object");
}

const json::Value* Reader::property(std::string_view name) const {
    const json::Value* v = object_.find(name);
    if (v == nullptr || v->is_null() || json::is_null_text(*v)) return nullptr;
    return v;
}

const json::Object* Reader::object(std::string_view name) {
    const json::Value* v = property(name);
    if (v == nullptr) return nullptr;
    if (!v->is_object()) {
        fail(name, "a JSON object");
        return nullptr;
    }
    return v->if_object();
}

const json::Array* Reader::array(std::string_view name) {
    const json::Value* v = property(name);
    if (v == nullptr) return nullptr;
    if (!v->is_array()) {
        fail(name, "a JSON array");
        return nullptr;
    }
    return v->if_array();
}

void Reader::fail(std::string message) {
    if (!error_) error_ = bad_body(std::move(message));
}

void Reader::fail(std::string_view name, std::string_view expected) {
    fail(what_ + ": property \"" + std::string(name) + "\" is not " + std::string(expected));
}

Reader& Reader::read(std::string_view name, int32_t& out) {
    if (const json::Value* v = property(name)) {
        if (auto i = to_int32(*v)) {
            out = *i;
        } else {
            fail(name, "a 32-bit integer");
        }
    }
    return *this;
}

Reader& Reader::read(std::string_view name, int64_t& out) {
    if (const json::Value* v = property(name)) {
        if (auto i = json::to_int64(*v)) {
            out = *i;
        } else {
            fail(name, "an integer");
        }
    }
    return *this;
}

Reader& Reader::read(std::string_view name, bool& out) {
    if (const json::Value* v = property(name)) {
        if (auto b = json::to_bool(*v)) {
            out = *b;
        } else {
            fail(name, "a boolean");
        }
    }
    return *this;
}

Reader& Reader::read(std::string_view name, std::string& out) {
    // Only null means absent here: "" and "null" are real strings.
    const json::Value* v = object_.find(name);
    if (v == nullptr || v->is_null()) return *this;
    if (auto s = json::to_text(*v)) out = std::move(*s);
    return *this;
}

Reader& Reader::read(std::string_view name, std::optional<std::string>& out) {
    const json::Value* v = object_.find(name);
    if (v == nullptr || v->is_null()) return *this;
    out = json::to_text(*v);
    return *this;
}

Reader& Reader::read(std::string_view name, std::vector<std::string>& out) {
    const json::Value* v = property(name);
    if (v == nullptr) return *this;
    auto strings = strings_from_json(*v, what_ + "." + std::string(name));
    if (!strings) {
        fail(strings.error().message);
    } else {
        out = std::move(*strings);
    }
    return *this;
}

Result<void> Reader::result() const {
    if (error_) return *error_;
    return {};
}

json::Value string_array(const std::vector<std::string>& strings) {
    json::Value v = json::Value::array();
    for (const std::string& s : strings)
        v.push_back(s);
    return v;
}

Result<std::vector<std::string>> strings_from_json(const json::Value& value,
                                                   std::string_view what) {
    const json::Array* elements = value.if_array();
    if (elements == nullptr) return bad_body(std::string(what) + " is not a JSON array");
    std::vector<std::string> out;
    out.reserve(elements->size());
    for (const json::Value& e : *elements) {
        if (e.is_null()) continue;
        if (auto s = json::to_text(e)) out.push_back(std::move(*s));
    }
    return out;
}

}  // namespace rmq::body::detail
