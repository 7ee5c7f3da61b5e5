#pragma once
// A lenient parser for the JSON dialect fastjson writes and reads (spec/headers.md §B.0):
// standard JSON plus
//   - bare keys: numbers ({0:250}, as fastjson writes Integer/Long map keys), identifiers
//     ({name:"x"}), and objects or arrays ({{"queueId":0}:5}, fastjson's form for object keys);
//   - single-quoted strings, fastjson's extra escapes (\' \v \xHH \0..\7 \F);
//   - arbitrary commas ([1,,2] and trailing commas), // and /* */ comments, a UTF-8 BOM;
//   - `undefined` (read as null) and a Java type suffix on numbers (1L, 2S, 3B, 1.5F, 2D).
// Strings are UTF-8 passed through byte for byte; \uXXXX escapes, surrogate pairs included, are
// encoded to UTF-8 and a lone surrogate becomes U+FFFD.
//
// Numbers: an integer literal that fits int64 is an integer; every other number is a double,
// including integer literals beyond int64 (fastjson would make them BigInteger; nothing RocketMQ
// stores is that large, so the only loss is precision in a value a binder then rejects as not an
// integer). A literal beyond the double range is an error.
//
// Duplicate keys: the last value wins and keeps the first key's place (Java's Map.put).
// Nesting deeper than 512 levels is an error, as in fastjson. Never throws.
#include <cstddef>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>

#include "common/error.hpp"
#include "json/value.hpp"

namespace rmq::json {

enum class errc {
    syntax = 1,           // not JSON, even fastjson's lenient kind
    too_deep,             // nested deeper than kMaxDepth
    number_out_of_range,  // a number beyond the range of a double
};

const char* to_string(errc code) noexcept;
inline const char* category_name(errc) noexcept {
    return "rmq.json";
}
using common::make_error_code;

/// A failure's message says what went wrong and ends with "at byte <offset>".
template <class T>
using Result = common::Result<T>;

inline constexpr size_t kMaxDepth = 512;

/// Parses one JSON document (surrounded by optional whitespace and comments).
Result<Value> parse(std::string_view text);

}  // namespace rmq::json

template <>
struct std::is_error_code_enum<rmq::json::errc> : std::true_type {};
