#pragma once
// Writing JSON exactly as fastjson 1.2.69 (RocketMQ 4.9.8's version) does.
//
// Both formats: members with a null value are left out (fastjson's default for beans and maps);
// a `bare` key is written as its text, a `quoted` key as a string; strings use fastjson's
// escaping (append_json_string); doubles use Java's Double.toString layout (1.0, 1.5E-5), and
// NaN or infinities are written as null.
//
// Pretty (SerializerFeature.PrettyFormat, used for the files under store/config/): one tab per
// level; a quoted key starts a new line, a bare key does not, and a non-empty object closes on a
// line of its own. That is why consumerOffset.json looks like
//     "TopicTest@CG":{0:250,1:248
//         },
// Arrays are written one element per line (fastjson's List layout; it writes Sets compactly,
// a distinction the DOM does not keep). Empty objects and arrays are {} and [].
#include <string>
#include <string_view>

#include "json/value.hpp"

namespace rmq::json {

// browser_compatible: compact layout with fastjson's SerializerFeature.BrowserCompatible, which
// the name server turns on for standard-JSON route data (spec/headers.md §B.0 rule 5): every key
// is quoted (a bare key's text becomes a string), strings escape '"' '/' '\\', \b \f \n \r \t,
// other control characters and every character from U+007F up as \uXXXX (UTF-16 code units,
// uppercase hex), and integers beyond ±(2^53 − 1) are written as strings. Sorting map entries
// (MapSortField) is the caller's business: only it knows the Java key type.
enum class Format : uint8_t { compact, pretty, browser_compatible };

std::string write(const Value& value, Format format = Format::compact);
/// Appends to `out` instead of returning a new string.
void write(const Value& value, Format format, std::string& out);

/// Appends `text` as a JSON string literal with fastjson's escaping: \" \\ \b \f \n \r \t, the
/// other control characters and U+007F..U+00A0 as \u00XX with uppercase hex, everything else
/// (other UTF-8 included) raw.
void append_json_string(std::string& out, std::string_view text);

/// Appends `text` (UTF-8) as a string literal with BrowserCompatible escaping (see Format).
/// Invalid UTF-8 bytes are escaped as the code unit of their byte value.
void append_browser_compatible_string(std::string& out, std::string_view text);

/// Appends a finite double as Java's Double.toString/fastjson's RyuDouble writes it: plain
/// decimal with at least one fraction digit for magnitudes in [1e-3, 1e7) ("0.0", "1.5",
/// "100.0"), otherwise "<d>.<digits>E<exponent>" ("1.0E7", "1.5E-5"); shortest round-trip digits.
void append_java_double(std::string& out, double value);

}  // namespace rmq::json
