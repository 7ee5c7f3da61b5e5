#pragma once
// Binding a JSON object to a table's fields the way fastjson binds a bean: unknown properties
// are ignored (5.x adds some), a missing or null property keeps the field's default, and a
// value of another type is converted where fastjson converts it ("4" for an int). A value that
// cannot be converted is an error naming the property, so the loader falls back to the .bak.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "json/value.hpp"
#include "store/store_error.hpp"

namespace rmq::store::detail {

StoreError bad_config(std::string message);

/// `error` prefixed with the map entry it came from: `<table>["<key>"]: <message>`.
StoreError in_entry(std::string_view table, std::string_view key, const StoreError& error);

/// The document in a config file's text; a parse error becomes bad_config.
Result<json::Value> parse_config_text(std::string_view text);

class PropertyReader {
  public:
    /// `what` names the object in errors ("topic config \"TopicTest\"").
    PropertyReader(const json::Value& object, std::string what);

    PropertyReader& read(std::string_view name, int32_t& out);
    PropertyReader& read(std::string_view name, int64_t& out);
    PropertyReader& read(std::string_view name, bool& out);
    PropertyReader& read(std::string_view name, std::string& out);

    /// The property if it is present and not null-like, else nullptr.
    const json::Value* property(std::string_view name) const;

    /// The first error (the object itself not being an object included), or success.
    Result<void> result() const;

  private:
    void fail(std::string_view name, std::string_view expected);

    const json::Value& object_;
    std::string what_;
    std::optional<StoreError> error_;
};

/// The integer a map key stands for: a bare 0 or a quoted "0" (fastjson converts String keys
/// of a Map<Integer, Long> too).
std::optional<int32_t> int_key(const json::Member& member);

/// A 32-bit value from a JSON value bound leniently, or nullopt.
std::optional<int32_t> to_int32(const json::Value& value);

}  // namespace rmq::store::detail
