// Java's Double.toString layout over the shortest round-trip digits (what fastjson's RyuDouble
// prints), built from std::to_chars' shortest scientific form "d.ddde±xx".
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <string>

#include "json/write.hpp"

namespace rmq::json {

void append_java_double(std::string& out, double value) {
    if (value == 0) {
        out += std::signbit(value) ? "-0.0" : "0.0";
        return;
    }
    char buf[64];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::scientific);
    std::string_view sci(buf, static_cast<size_t>(end - buf));
    const size_t mark = sci.find('e');
    const int shortest_exponent = std::atoi(sci.data() + mark + 1);
    const bool one_digit = mark == (sci.front() == '-' ? 2u : 1u);  // "de+XX"
    if (one_digit && (shortest_exponent < -3 || shortest_exponent >= 7)) {
        // Like Double.toString, RyuDouble keeps two significant digits in E notation; they
        // differ from "<d>.0" only for subnormals (Double.MIN_VALUE is 4.9E-324, not 5.0E-324).
        end = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::scientific, 1).ptr;
        sci = std::string_view(buf, static_cast<size_t>(end - buf));
    }
    if (sci.front() == '-') {
        out.push_back('-');
        sci.remove_prefix(1);
    }
    const size_t e = sci.find('e');
    std::string digits(1, sci[0]);
    if (e > 1) digits.append(sci.substr(2, e - 2));  // the digits after "d."
    int exponent = 0;
    std::string_view exp_text = sci.substr(e + 1);
    if (exp_text.front() == '+') exp_text.remove_prefix(1);
    std::from_chars(exp_text.data(), exp_text.data() + exp_text.size(), exponent);

    const auto length = static_cast<int>(digits.size());
    if (exponent < -3 || exponent >= 7) {
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
