#pragma once
// Binding a JSON object to a body's fields the way fastjson binds a bean (spec/headers.md §B.0
// input rules): unknown properties ignored, a missing or null property keeps the default,
// numbers and numeric strings interchangeable, enums by name or ordinal. A value that cannot be
// converted is an error naming the property.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "body/error.hpp"
#include "body/ordered_map.hpp"
#include "json/coerce.hpp"
#include "json/object_binder.hpp"
#include "json/value.hpp"

namespace rmq::body::detail {

/// A bad_field error.
common::Error bad_body(std::string message);

/// The document in a body's text (lenient parser).
Result<json::Value> parse_text(std::string_view text);

using json::to_int32;

/// The ordinal of an enum given by name (exact) or ordinal; nullopt when neither matches.
std::optional<size_t> enum_ordinal(const json::Value& value,
                                   std::span<const std::string_view> names);

class Reader : public json::Binder<Reader> {
  public:
    using Binder::Binder;
    using Binder::read;

    /// An array of strings (a Set/List<String>); elements bound like strings, nulls skipped.
    Reader& read(std::string_view name, std::vector<std::string>& out);
    /// An enum by name or ordinal; an unknown name leaves the default (fastjson reads null).
    template <class E>
    Reader& read_enum(std::string_view name, E& out, std::span<const std::string_view> names) {
        if (const json::Value* v = property(name)) {
            if (auto i = enum_ordinal(*v, names)) out = static_cast<E>(*i);
        }
        return *this;
    }

    /// An array of objects bound by T::from_json (nulls skipped); a bad element is the error.
    template <class T>
    Reader& read_list(std::string_view name, std::vector<T>& out);

    Result<void> result() const;
};

/// A string array's JSON.
json::Value string_array(const std::vector<std::string>& strings);

/// Every element bound as a string (numbers as their text); nulls skipped.
Result<std::vector<std::string>> strings_from_json(const json::Value& value, std::string_view what);

/// T::from_json of the document in `text`.
template <class T>
Result<T> decode_as(std::string_view text) {
    auto doc = parse_text(text);
    if (!doc) return doc.error();
    return T::from_json(*doc);
}

/// A String-keyed map as a JSON object, values written by `to_json(value)`.
template <class V, class F>
json::Value string_map_to_json(const OrderedMap<std::string, V>& map, F to_json) {
    json::Value v = json::Value::object();
    for (const auto& [key, value] : map)
        v.set(key, to_json(value));
    return v;
}

/// A String-keyed map from the members of `object`; null values skipped; values bound by
/// `from_json(value) -> Result<V>`; errors name the entry.
template <class V, class F>
Result<OrderedMap<std::string, V>> string_map_from_json(const json::Object& object,
                                                        std::string_view what, F from_json) {
    OrderedMap<std::string, V> map;
    for (const json::Member& m : object) {
        if (m.value.is_null()) continue;
        Result<V> v = from_json(m.value);
        if (!v) return common::in_context(std::string(what) + "[\"" + m.key + "\"]", v.error());
        map.insert_or_assign(m.key, std::move(*v));
    }
    return map;
}

/// The integer a map key stands for: a bare 0 or a quoted "0" (fastjson converts either).
std::optional<int64_t> int_key(const json::Member& member);

/// An array of objects bound by `from_json`; null elements skipped.
template <class V, class F>
Result<std::vector<V>> list_from_json(const json::Array& array, std::string_view what,
                                      F from_json) {
    std::vector<V> out;
    out.reserve(array.size());
    for (size_t i = 0; i < array.size(); ++i) {
        if (array[i].is_null()) continue;
        Result<V> v = from_json(array[i]);
        if (!v)
            return common::in_context(std::string(what) + "[" + std::to_string(i) + "]", v.error());
        out.push_back(std::move(*v));
    }
    return out;
}

template <class T>
Reader& Reader::read_list(std::string_view name, std::vector<T>& out) {
    if (const json::Array* elements = array(name)) {
        auto list = list_from_json<T>(*elements, name, T::from_json);
        if (list)
            out = std::move(*list);
        else
            fail(list.error().message);
    }
    return *this;
}

template <class V>
json::Value list_to_json(const std::vector<V>& list) {
    json::Value v = json::Value::array();
    for (const V& e : list)
        v.push_back(e.to_json());
    return v;
}

}  // namespace rmq::body::detail
