#include "sql/java_numbers.hpp"

#include <bit>
#include <charconv>
#include <cmath>
#include <limits>
#include <string>

namespace rmq::filter::sql {

namespace {

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

bool is_hex_digit(char c) {
    return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

template <class Int>
std::optional<Int> parse_signed(std::string_view text) {
    if (text.empty()) return std::nullopt;
    bool negative = false;
    if (text.front() == '+' || text.front() == '-') {
        negative = text.front() == '-';
        text.remove_prefix(1);
    }
    if (text.empty()) return std::nullopt;
    // Accumulate negatively, as Java does, so that the minimum value parses.
    Int value = 0;
    for (char c : text) {
        if (!is_digit(c)) return std::nullopt;
        const Int digit = c - '0';
        if (value < (std::numeric_limits<Int>::min() + digit) / 10) return std::nullopt;
        value = value * 10 - digit;
    }
    if (negative) return value;
    if (value == std::numeric_limits<Int>::min()) return std::nullopt;
    return -value;
}

/// Counts the digits of [pos, end) matching `digit`; pos moves past them.
template <class Pred>
size_t skip_digits(std::string_view text, size_t& pos, Pred digit) {
    const size_t start = pos;
    while (pos < text.size() && digit(text[pos]))
        ++pos;
    return pos - start;
}

/// A hexadecimal float as Java reads it: 0x<hex>[.<hex>]p<exp>, the binary exponent required.
std::optional<double> parse_hex_float(std::string_view body, bool negative) {
    size_t pos = 0;
    const size_t whole = skip_digits(body, pos, is_hex_digit);
    size_t fraction = 0;
    if (pos < body.size() && body[pos] == '.') {
        ++pos;
        fraction = skip_digits(body, pos, is_hex_digit);
    }
    if (whole + fraction == 0 || pos >= body.size() || (body[pos] != 'p' && body[pos] != 'P'))
        return std::nullopt;
    ++pos;
    if (pos < body.size() && (body[pos] == '+' || body[pos] == '-')) ++pos;
    if (skip_digits(body, pos, is_digit) == 0) return std::nullopt;
    const size_t end = pos;
    if (pos < body.size() && std::string_view("fFdD").find(body[pos]) != std::string_view::npos)
        ++pos;
    if (pos != body.size()) return std::nullopt;
    double value = 0;
    const auto r = std::from_chars(body.data(), body.data() + end, value, std::chars_format::hex);
    if (r.ec == std::errc::result_out_of_range) {
        // Too large overflows to infinity and too small underflows to zero, as in Java.
        const auto exponent_at = body.find_first_of("pP");
        value = body[exponent_at + 1] == '-' ? 0.0 : std::numeric_limits<double>::infinity();
    } else if (r.ec != std::errc() || r.ptr != body.data() + end) {
        return std::nullopt;
    }
    return negative ? -value : value;
}

}  // namespace

std::optional<int32_t> java_parse_int(std::string_view text) {
    return parse_signed<int32_t>(text);
}

std::optional<int64_t> java_parse_long(std::string_view text) {
    return parse_signed<int64_t>(text);
}

std::optional<double> java_parse_double(std::string_view text) {
    // Java trims every character up to and including the space.
    while (!text.empty() && static_cast<unsigned char>(text.front()) <= ' ')
        text.remove_prefix(1);
    while (!text.empty() && static_cast<unsigned char>(text.back()) <= ' ')
        text.remove_suffix(1);
    bool negative = false;
    if (!text.empty() && (text.front() == '+' || text.front() == '-')) {
        negative = text.front() == '-';
        text.remove_prefix(1);
    }
    if (text == "NaN") return std::numeric_limits<double>::quiet_NaN();
    if (text == "Infinity")
        return negative ? -std::numeric_limits<double>::infinity()
                        : std::numeric_limits<double>::infinity();
    if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X'))
        return parse_hex_float(text.substr(2), negative);

    size_t pos = 0;
    const size_t whole = skip_digits(text, pos, is_digit);
    size_t fraction = 0;
    if (pos < text.size() && text[pos] == '.') {
        ++pos;
        fraction = skip_digits(text, pos, is_digit);
    }
    if (whole + fraction == 0) return std::nullopt;
    if (pos < text.size() && (text[pos] == 'e' || text[pos] == 'E')) {
        ++pos;
        if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) ++pos;
        if (skip_digits(text, pos, is_digit) == 0) return std::nullopt;
    }
    const size_t end = pos;
    if (pos < text.size() && std::string_view("fFdD").find(text[pos]) != std::string_view::npos)
        ++pos;
    if (pos != text.size()) return std::nullopt;
    double value = 0;
    const auto r = std::from_chars(text.data(), text.data() + end, value);
    if (r.ec == std::errc::result_out_of_range) {
        // from_chars refuses what Java rounds: overflow is infinity, underflow zero.
        const std::string digits(text.substr(0, end));
        value = std::strtod(digits.c_str(), nullptr);
    } else if (r.ec != std::errc() || r.ptr != text.data() + end) {
        return std::nullopt;
    }
    return negative ? -value : value;
}

bool java_parse_boolean(std::string_view text) {
    if (text.size() != 4) return false;
    const char* expected = "true";
    for (size_t i = 0; i < 4; ++i)
        if ((text[i] | 0x20) != expected[i]) return false;
    return true;
}

int java_double_compare(double a, double b) {
    if (a < b) return -1;
    if (a > b) return 1;
    // Equal, zeros of either sign, or NaN: Java orders by the canonical bits.
    const auto bits = [](double d) {
        return std::isnan(d) ? INT64_C(0x7ff8000000000000) : std::bit_cast<int64_t>(d);
    };
    const int64_t x = bits(a), y = bits(b);
    return x == y ? 0 : (x < y ? -1 : 1);
}

bool java_double_equals(double a, double b) {
    return java_double_compare(a, b) == 0;
}

}  // namespace rmq::filter::sql
