#pragma once
// java.util.Properties text (spec/config.md §1.2): the format of RocketMQ's broker and name
// server configuration files. Parsing follows Properties.load(InputStream) exactly: the bytes are
// ISO-8859-1 (converted to UTF-8 here), `\uXXXX` escapes, backslash line continuation, `#`/`!`
// comment lines, `=`, `:` or whitespace as separator, trailing whitespace of a value kept.
#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "config/config_error.hpp"

namespace rmq::config {

/// One `key=value` of a properties text, in file order (duplicates kept; the last one wins when
/// applied, as with Java's Hashtable). Key and value are UTF-8.
struct Property {
    std::string key;
    std::string value;
    int line = 0;  // 1-based number of the first physical line of the logical line
};

/// Parses properties text. The only failure is a malformed `\uXXXX` escape (Java throws
/// IllegalArgumentException); the error names the line.
Result<std::vector<Property>> parse_properties(std::string_view text);

/// Reads and parses a file; errors name the file (and the line).
Result<std::vector<Property>> load_properties_file(const std::filesystem::path& path);

/// Writes `key=value` lines escaped as Properties.store does (keys: spaces escaped; values: a
/// leading space escaped; `\t\n\r\f`, `= : # !` and backslash escaped; characters outside
/// 0x20..0x7e as `\uXXXX`, so the output is ASCII and reads back with parse_properties).
/// Input strings are UTF-8. When `comment` is non-empty it is written first as `#comment`.
std::string write_properties(const std::vector<std::pair<std::string, std::string>>& entries,
                             std::string_view comment = {});

/// Escapes one key (is_key) or value as write_properties does.
std::string escape_property(std::string_view text, bool is_key);

}  // namespace rmq::config
