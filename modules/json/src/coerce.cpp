#include "json/coerce.hpp"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <string_view>

#include "json/write.hpp"

namespace rmq::json {

namespace {

std::optional<int64_t> truncate(double d) {
    // Exclusive bounds: 2^63 is exactly representable and already out of range.
    if (!std::isfinite(d) || d >= 9223372036854775808.0 || d < -9223372036854775808.0)
        return std::nullopt;
    return static_cast<int64_t>(d);
}

std::optional<int64_t> parse_number_text(std::string_view text) {
    std::string digits;
    digits.reserve(text.size());
    for (char c : text)
        if (c != ',') digits.push_back(c);
    const char* begin = digits.data();
    const char* end = digits.data() + digits.size();
    if (begin != end && *begin == '+') ++begin;  // Long.parseLong takes a plus sign
    int64_t v = 0;
    auto [stop, ec] = std::from_chars(begin, end, v);
    if (ec == std::errc() && stop == end) return v;
    double d = 0;
    auto [dstop, dec] = std::from_chars(begin, end, d);
    if (dec == std::errc() && dstop == end) return truncate(d);
    return std::nullopt;
}

}  // namespace

bool is_null_text(const Value& value) {
    const std::string* s = value.if_string();
    return s != nullptr && (s->empty() || *s == "null" || *s == "NULL");
}

std::optional<int32_t> to_int32(const Value& value) {
    auto v = to_int64(value);
    if (!v || *v < INT32_MIN || *v > INT32_MAX) return std::nullopt;
    return static_cast<int32_t>(*v);
}

std::optional<int64_t> to_int64(const Value& value) {
    if (const int64_t* i = value.if_int()) return *i;
    if (const double* d = value.if_real()) return truncate(*d);
    if (const std::string* s = value.if_string()) return parse_number_text(*s);
    return std::nullopt;
}

std::optional<bool> to_bool(const Value& value) {
    if (const bool* b = value.if_bool()) return *b;
    if (const int64_t* i = value.if_int()) return *i == 1;
    if (const double* d = value.if_real()) return *d == 1.0;
    const std::string* s = value.if_string();
    if (s == nullptr) return std::nullopt;
    auto equals_ignoring_case = [](std::string_view a, std::string_view b) {
        if (a.size() != b.size()) return false;
        for (size_t i = 0; i < a.size(); ++i) {
            auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; };
            if (lower(a[i]) != lower(b[i])) return false;
        }
        return true;
    };
    if (equals_ignoring_case(*s, "true") || *s == "1" || *s == "Y" || *s == "T") return true;
    if (equals_ignoring_case(*s, "false") || *s == "0" || *s == "N" || *s == "F") return false;
    return std::nullopt;
}

std::optional<std::string> to_text(const Value& value) {
    if (const std::string* s = value.if_string()) return *s;
    if (value.is_null()) return std::nullopt;
    return write(value, Format::compact);
}

}  // namespace rmq::json
