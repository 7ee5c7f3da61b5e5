// Java's Double.toString layout over the shortest round-trip digits (what fastjson's RyuDouble
// prints), built from std::to_chars' shortest scientific form "d.ddde±xx".
#include <charconv>
#include <cmath>
#include <string>
#include <string_view>

#include "json/write.hpp"

namespace rmq::json {

namespace {

// A finite non-zero double as sign, significant digits and decimal exponent of the first digit.
struct Decimal {
    bool negative = false;
    std::string digits;
    int exponent = 0;
};

// `significant` digits when given, else the shortest that round-trip.
Decimal to_decimal(double value, int significant = 0) {
    char buf[64];
    const auto result =
        significant > 0
            ? std::to_chars(buf, buf + sizeof buf, value, std::chars_format::scientific,
                            significant - 1)
            : std::to_chars(buf, buf + sizeof buf, value, std::chars_format::scientific);
    std::string_view sci(buf, static_cast<size_t>(result.ptr - buf));  // "-d.ddde+XX"
    Decimal d;
    if (sci.front() == '-') {
        d.negative = true;
        sci.remove_prefix(1);
    }
    const size_t e = sci.find('e');
    d.digits.assign(1, sci[0]);
    if (e > 1) d.digits.append(sci.substr(2, e - 2));
    std::string_view exponent = sci.substr(e + 1);
    if (exponent.front() == '+') exponent.remove_prefix(1);
    std::from_chars(exponent.data(), exponent.data() + exponent.size(), d.exponent);
    return d;
}

bool in_e_notation(int exponent) {
    return exponent < -3 || exponent >= 7;  // outside [1e-3, 1e7)
}

}  // namespace

void append_java_double(std::string& out, double value) {
    if (value == 0) {
        out += std::signbit(value) ? "-0.0" : "0.0";
        return;
    }
    Decimal d = to_decimal(value);
    if (d.digits.size() == 1 && in_e_notation(d.exponent)) {
        // Like Double.toString, RyuDouble keeps two significant digits in E notation; they
        // differ from "<d>.0" only for subnormals (Double.MIN_VALUE is 4.9E-324, not 5.0E-324).
        d = to_decimal(value, 2);
    }
    if (d.negative) out.push_back('-');
    const std::string& digits = d.digits;
    const int exponent = d.exponent;
    const auto length = static_cast<int>(digits.size());
    if (in_e_notation(exponent)) {
        out.push_back(digits[0]);
        out.push_back('.');
        out.append(length > 1 ? digits.substr(1) : "0");
        out.push_back('E');
        out += std::to_string(exponent);
    } else if (exponent < 0) {
        out += "0.";
        out.append(static_cast<size_t>(-exponent - 1), '0');
        out += digits;
    } else if (exponent + 1 >= length) {
        out += digits;
        out.append(static_cast<size_t>(exponent + 1 - length), '0');
        out += ".0";
    } else {
        out.append(digits, 0, static_cast<size_t>(exponent + 1));
        out.push_back('.');
        out.append(digits, static_cast<size_t>(exponent + 1));
    }
}

}  // namespace rmq::json
