#pragma once
// Java's String-to-number rules, which decide what a SQL92 filter makes of a property's text:
// Integer.valueOf, Long.valueOf, Double.valueOf and Boolean.valueOf accept exactly what they do
// in Java, and Double.compare orders as Java does (NaN above everything, -0.0 below 0.0).
#include <cstdint>
#include <optional>
#include <string_view>

namespace rmq::filter::sql {

/// Integer.valueOf: an optional sign and ASCII digits, in range; nullopt where Java throws.
std::optional<int32_t> java_parse_int(std::string_view text);
/// Long.valueOf.
std::optional<int64_t> java_parse_long(std::string_view text);
/// Double.valueOf: surrounding blanks, a sign, decimal or hexadecimal forms, an f/F/d/D suffix,
/// "NaN" and "Infinity".
std::optional<double> java_parse_double(std::string_view text);
/// Boolean.valueOf: true exactly for "true" in any case; never fails.
bool java_parse_boolean(std::string_view text);

/// Double.compare.
int java_double_compare(double a, double b);
/// Double.equals: the same bits, once every NaN counts as one.
bool java_double_equals(double a, double b);

}  // namespace rmq::filter::sql
