#pragma once
// Binding a parsed value to a declared Java type the way fastjson's TypeUtils does: numbers
// where strings are declared and numeric strings where numbers are declared are accepted
// (spec/headers.md §B.0). Each returns nullopt when the value cannot be bound; a null value is
// never bound, because callers treat it like a missing property (the default stays).
#include <cstdint>
#include <optional>
#include <string>

#include "json/value.hpp"

namespace rmq::json {

/// An integer; a real truncated toward zero (BigDecimal.longValue); a string holding either
/// (',' digit separators removed, as castToLong does).
std::optional<int64_t> to_int64(const Value& value);

/// to_int64 within the range of a Java int.
std::optional<int32_t> to_int32(const Value& value);

/// A boolean; a number (true iff it is 1); "true"/"false" in any case, "1"/"0", "Y"/"N",
/// "T"/"F" (castToBoolean).
std::optional<bool> to_bool(const Value& value);

/// A string; a number or boolean as its JSON text; an object or array as compact JSON text
/// (what JSONObject.toString() gives).
std::optional<std::string> to_text(const Value& value);

/// True for the strings fastjson reads as null for a number or boolean: "", "null", "NULL".
bool is_null_text(const Value& value);

}  // namespace rmq::json
