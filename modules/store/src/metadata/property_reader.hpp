#pragma once
// Binding a JSON object to a table's fields the way fastjson binds a bean: unknown properties
// are ignored (5.x adds some), a missing or null property keeps the field's default, and a
// value of another type is converted where fastjson converts it ("4" for an int). A value that
// cannot be converted is an error naming the property, so the loader falls back to the .bak.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "json/coerce.hpp"
#include "json/object_binder.hpp"
#include "json/value.hpp"
#include "store/store_error.hpp"

namespace rmq::store::detail {

common::Error bad_config(std::string message);

/// `error` prefixed with the map entry it came from: `<table>["<key>"]: <message>`.
common::Error in_entry(std::string_view table, std::string_view key, const common::Error& error);

/// The document in a config file's text; a parse error becomes bad_config.
Result<json::Value> parse_config_text(std::string_view text);

class PropertyReader : public json::Binder<PropertyReader> {
  public:
    using Binder::Binder;

    /// The first error (the object itself not being an object included), or success.
    Result<void> result() const;
};

/// The integer a map key stands for: a bare 0 or a quoted "0" (fastjson converts String keys
/// of a Map<Integer, Long> too).
std::optional<int32_t> int_key(const json::Member& member);

using json::to_int32;

}  // namespace rmq::store::detail
