#include "reader.hpp"

#include "json/coerce.hpp"
#include "json/parse.hpp"

namespace rmq::body {

const char* to_string(errc code) noexcept {
    switch (code) {
        case errc::not_json:
            return "not JSON";
        case errc::bad_field:
            return "bad field";
        case errc::truncated:
            return "truncated";
    }
    return "unknown body error";
}

}  // namespace rmq::body

namespace rmq::body::detail {

common::Error bad_body(std::string message) {
    return {errc::bad_field, std::move(message)};
}

Result<json::Value> parse_text(std::string_view text) {
    auto doc = json::parse(text);
    if (!doc) return common::Error{errc::not_json, doc.error().message};
    return std::move(*doc);
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

Reader& Reader::read(std::string_view name, std::vector<std::string>& out) {
    const json::Value* v = property(name);
    if (v == nullptr) return *this;
    auto strings = strings_from_json(*v, what() + "." + std::string(name));
    if (!strings) {
        fail(strings.error().message);
    } else {
        out = std::move(*strings);
    }
    return *this;
}

Result<void> Reader::result() const {
    if (error()) return bad_body(*error());
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
