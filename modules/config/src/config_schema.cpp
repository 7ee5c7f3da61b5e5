#include "config/config_schema.hpp"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <set>

namespace rmq::config {

std::string_view value_type_name(ValueType type) {
    switch (type) {
        case ValueType::int32:
            return "a 32-bit integer";
        case ValueType::int64:
            return "a 64-bit integer";
        case ValueType::float64:
            return "a number";
        case ValueType::boolean:
            return "true or false";
        case ValueType::string:
            return "a string";
        case ValueType::enumeration:
            return "an enum name";
        case ValueType::path:
            return "a path";
    }
    return "a value";
}

std::optional<int64_t> parse_java_integer(std::string_view text, int64_t min, int64_t max) {
    size_t i = 0;
    bool negative = false;
    if (!text.empty() && (text[0] == '-' || text[0] == '+')) {
        negative = text[0] == '-';
        i = 1;
    }
    if (i >= text.size()) return std::nullopt;
    // Accumulate negatively so INT64_MIN fits.
    int64_t value = 0;
    for (; i < text.size(); ++i) {
        char c = text[i];
        if (c < '0' || c > '9') return std::nullopt;
        int digit = c - '0';
        if (value < (INT64_MIN + digit) / 10) return std::nullopt;
        value = value * 10 - digit;
    }
    if (!negative) {
        if (value == INT64_MIN) return std::nullopt;
        value = -value;
    }
    if (value < min || value > max) return std::nullopt;
    return value;
}

std::optional<double> parse_java_double(std::string_view text) {
    auto is_ws = [](char c) { return static_cast<unsigned char>(c) <= ' '; };
    while (!text.empty() && is_ws(text.front()))
        text.remove_prefix(1);
    while (!text.empty() && is_ws(text.back()))
        text.remove_suffix(1);
    if (!text.empty()
        && (text.back() == 'd' || text.back() == 'D' || text.back() == 'f' || text.back() == 'F'))
        text.remove_suffix(1);
    if (text.empty()) return std::nullopt;
    for (char c : text)
        if (!((c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-'))
            return std::nullopt;  // no hex floats, NaN or Infinity
    std::string s(text);
    char* end = nullptr;
    errno = 0;
    double v = std::strtod(s.c_str(), &end);
    if (end != s.c_str() + s.size() || !std::isfinite(v)) return std::nullopt;
    return v;
}

std::optional<bool> parse_strict_bool(std::string_view text) {
    auto equals_ci = [&](std::string_view word) {
        if (text.size() != word.size()) return false;
        for (size_t i = 0; i < word.size(); ++i) {
            char c = text[i];
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
            if (c != word[i]) return false;
        }
        return true;
    };
    if (equals_ci("true")) return true;
    if (equals_ci("false")) return false;
    return std::nullopt;
}

std::string format_double(double value) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.17g", value);
    // Shortest text that reads back to the same double.
    for (int precision = 1; precision <= 17; ++precision) {
        std::snprintf(buf, sizeof buf, "%.*g", precision, value);
        if (std::strtod(buf, nullptr) == value) break;
    }
    std::string s = buf;
    if (s.find_first_of(".eEn") == std::string::npos) s += ".0";
    return s;
}

const SchemaEntry* Schema::find(std::string_view key) const {
    for (const auto& e : entries_)
        if (e.key == key) return &e;
    return nullptr;
}

Schema& Schema::add(SchemaEntry entry) {
    entries_.push_back(std::move(entry));
    return *this;
}

Schema& Schema::float64(std::string key, double* field, bool important) {
    return add({std::move(key), ValueType::float64, important,
                [field](std::string_view text) -> bool {
                    auto v = parse_java_double(text);
                    if (!v) return false;
                    *field = *v;
                    return true;
                },
                [field] { return format_double(*field); }});
}

Schema& Schema::boolean(std::string key, bool* field, bool important) {
    return add({std::move(key), ValueType::boolean, important,
                [field](std::string_view text) -> bool {
                    auto v = parse_strict_bool(text);
                    if (!v) return false;
                    *field = *v;
                    return true;
                },
                [field] { return std::string(*field ? "true" : "false"); }});
}

Schema& Schema::string(std::string key, std::string* field, bool important) {
    return add({std::move(key), ValueType::string, important,
                [field](std::string_view text) -> bool {
                    *field = std::string(text);
                    return true;
                },
                [field] { return *field; }});
}

Schema& Schema::path(std::string key, std::filesystem::path* field, bool important) {
    return add({std::move(key), ValueType::path, important,
                [field](std::string_view text) -> bool {
                    *field = std::filesystem::path(std::string(text));
                    return true;
                },
                [field] { return field->string(); }});
}

Result<std::vector<std::string>> apply_properties(const std::vector<Schema>& schemas,
                                                  const std::vector<Property>& properties,
                                                  const PropertySource& source,
                                                  const std::vector<std::string>& ignored) {
    std::vector<std::string> warnings;
    auto where = [&](int line) {
        return source.is_file ? source.name + ":" + std::to_string(line)
                              : source.name + " argument " + std::to_string(line);
    };
    for (const auto& p : properties) {
        bool known = false;
        for (const auto& schema : schemas) {
            const SchemaEntry* e = schema.find(p.key);
            if (!e) continue;
            known = true;
            if (!e->set(p.value)) {
                const std::string expected =
                    e->expected.empty() ? std::string(value_type_name(e->type)) : e->expected;
                return common::Error{errc::invalid_value, where(p.line) + ": invalid value \""
                                                              + p.value + "\" for key " + p.key
                                                              + " (expected " + expected + ")"};
            }
        }
        if (!known) {
            for (const auto& k : ignored)
                if (k == p.key) known = true;
        }
        if (!known) warnings.push_back(where(p.line) + ": unknown key " + p.key + " ignored");
    }
    return warnings;
}

std::vector<std::pair<std::string, std::string>> config_entries(
    const std::vector<Schema>& schemas) {
    std::vector<std::pair<std::string, std::string>> out;
    std::set<std::string, std::less<>> seen;
    for (const auto& schema : schemas)
        for (const auto& e : schema.entries())
            if (seen.insert(e.key).second) out.emplace_back(e.key, e.get());
    return out;
}

std::string print_config(const std::vector<Schema>& schemas, bool important_only) {
    std::string out;
    std::set<std::string, std::less<>> seen;
    for (const auto& schema : schemas)
        for (const auto& e : schema.entries()) {
            if (important_only && !e.important) continue;
            if (!seen.insert(e.key).second) continue;
            out += e.key + "=" + e.get() + "\n";
        }
    return out;
}

}  // namespace rmq::config
