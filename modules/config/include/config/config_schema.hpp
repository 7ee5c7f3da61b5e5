#pragma once
// Declarative binding of RocketMQ configuration keys to typed fields (spec/config.md §1.2).
// A Schema is built for one config object (it holds pointers to that object's fields) and is
// cheap to rebuild; build it right before use and don't keep it past the object's lifetime.
#include <concepts>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "config/properties_file.hpp"

namespace rmq::config {

enum class ValueType { int32, int64, float64, boolean, string, enumeration, path };

std::string_view value_type_name(ValueType type);

// Java's value rules. Integer.parseInt / Long.parseLong: optional sign, ASCII digits, no spaces,
// in range. Double.parseDouble: surrounding whitespace ignored, optional trailing d/D/f/F.
std::optional<int64_t> parse_java_integer(std::string_view text, int64_t min, int64_t max);
std::optional<double> parse_java_double(std::string_view text);
/// Stricter than Boolean.parseBoolean: case-insensitive "true" or "false", anything else fails.
std::optional<bool> parse_strict_bool(std::string_view text);
/// Double.toString-like text for printing (integral values keep a ".0").
std::string format_double(double value);

struct SchemaEntry {
    std::string key;
    ValueType type = ValueType::string;
    bool important = false;  // RocketMQ's @ImportantField (printed by `mqbroker -m`)
    /// Parses and stores the value; false (nothing stored) when the text does not parse.
    std::function<bool(std::string_view)> set;
    std::function<std::string()> get;
    /// What `set` accepts, for the refusal's message; empty means the type's name.
    std::string expected = {};
};

class Schema {
  public:
    explicit Schema(std::string name) : name_(std::move(name)) {}

    const std::string& name() const { return name_; }
    const std::vector<SchemaEntry>& entries() const { return entries_; }
    const SchemaEntry* find(std::string_view key) const;

    Schema& add(SchemaEntry entry);

    /// A Java `int` key stored into any integral field.
    template <std::integral T>
    Schema& int32(std::string key, T* field, bool important = false) {
        return integer(std::move(key), field, ValueType::int32, INT32_MIN, INT32_MAX, important);
    }
    /// A Java `long` key.
    template <std::integral T>
    Schema& int64(std::string key, T* field, bool important = false) {
        return integer(std::move(key), field, ValueType::int64, INT64_MIN, INT64_MAX, important);
    }
    Schema& float64(std::string key, double* field, bool important = false);
    Schema& boolean(std::string key, bool* field, bool important = false);
    Schema& string(std::string key, std::string* field, bool important = false);
    Schema& path(std::string key, std::filesystem::path* field, bool important = false);

    /// Enum keys take the exact (case-sensitive) Java enum constant names.
    template <class E>
    Schema& enumeration(std::string key, E* field, std::vector<std::pair<std::string, E>> names,
                        bool important = false) {
        std::string expected = "one of";
        for (const auto& [n, v] : names)
            expected += " " + n;
        auto table = std::make_shared<std::vector<std::pair<std::string, E>>>(std::move(names));
        return add({std::move(key), ValueType::enumeration, important,
                    [field, table](std::string_view text) -> bool {
                        for (const auto& [n, v] : *table)
                            if (n == text) {
                                *field = v;
                                return true;
                            }
                        return false;
                    },
                    [field, table] {
                        for (const auto& [n, v] : *table)
                            if (v == *field) return n;
                        return std::string();
                    },
                    std::move(expected)});
    }

  private:
    template <std::integral T>
    Schema& integer(std::string key, T* field, ValueType type, int64_t min, int64_t max,
                    bool important) {
        return add({std::move(key), type, important,
                    [field, min, max](std::string_view text) -> bool {
                        auto v = parse_java_integer(text, min, max);
                        if (!v) return false;
                        *field = static_cast<T>(*v);
                        return true;
                    },
                    [field] { return std::to_string(*field); }});
    }

    std::string name_;
    std::vector<SchemaEntry> entries_;
};

/// Where properties came from, for messages: a file path or e.g. "command line".
struct PropertySource {
    std::string name;
    bool is_file = true;  // messages say "<file>:<line>" or "<name> argument <line>"
};

/// Applies properties in order to every schema that knows each key (one key may set fields in
/// several objects). Keys no schema knows are returned as warnings (the caller logs them); the
/// first malformed value stops with an error naming the key, the value, the source and the line.
/// Keys in `ignored` are accepted silently (keys handled elsewhere, e.g. system properties).
Result<std::vector<std::string>> apply_properties(const std::vector<Schema>& schemas,
                                                  const std::vector<Property>& properties,
                                                  const PropertySource& source,
                                                  const std::vector<std::string>& ignored = {});

/// RocketMQ's `-p` output: `key=value` per line for every key of every schema (a key shared by
/// several schemas is printed once, with the first schema's value). `important_only` gives the
/// `-m` output.
std::string print_config(const std::vector<Schema>& schemas, bool important_only = false);

/// Every (key, value) as print_config orders them (for GET_*_CONFIG and write-back).
std::vector<std::pair<std::string, std::string>> config_entries(const std::vector<Schema>& schemas);

}  // namespace rmq::config
