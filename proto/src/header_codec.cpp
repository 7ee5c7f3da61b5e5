#include "proto/header_codec.hpp"

#include <charconv>
#include <limits>

namespace rmq::proto {

namespace {

// Integer.parseInt / Long.parseLong: optional '+' or '-', then at least one decimal digit, no
// whitespace, no overflow.
template <class T>
bool parse_java_integer(std::string_view text, T& out) {
    if (text.empty()) return false;
    bool negative = false;
    if (text.front() == '+' || text.front() == '-') {
        negative = text.front() == '-';
        text.remove_prefix(1);
        if (text.empty()) return false;
    }
    using U = std::make_unsigned_t<T>;
    U magnitude = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), magnitude);
    if (ec != std::errc{} || end != text.data() + text.size()) return false;
    const U limit =
        negative ? U(std::numeric_limits<T>::max()) + 1 : U(std::numeric_limits<T>::max());
    if (magnitude > limit) return false;
    out = negative ? static_cast<T>(U(0) - magnitude) : static_cast<T>(magnitude);
    return true;
}

template <class T>
std::string integer_text(T v) {
    char buf[24];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, end);
}

}  // namespace

bool parse_java_int(std::string_view text, int32_t& out) {
    return parse_java_integer(text, out);
}
bool parse_java_long(std::string_view text, int64_t& out) {
    return parse_java_integer(text, out);
}

bool parse_java_boolean(std::string_view text) {
    if (text.size() != 4) return false;
    const char* t = "true";
    for (size_t i = 0; i < 4; ++i) {
        char c = text[i];
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (c != t[i]) return false;
    }
    return true;
}

std::string to_java_text(int32_t v) {
    return integer_text(v);
}
std::string to_java_text(int64_t v) {
    return integer_text(v);
}
std::string to_java_text(bool v) {
    return v ? "true" : "false";
}

namespace detail {

ProtocolError missing_field_error(std::string_view schema, std::string_view field) {
    return {to_int(ResponseCode::SYSTEM_ERROR), "the custom field <" + std::string(field)
                                                    + "> is null (required by "
                                                    + std::string(schema) + ")"};
}

ProtocolError malformed_field_error(std::string_view schema, std::string_view field,
                                    std::string_view text) {
    constexpr size_t kShown = 64;
    std::string shown(text.substr(0, kShown));
    if (text.size() > kShown) shown += "...";
    return {to_int(ResponseCode::SYSTEM_ERROR), "the custom field <" + std::string(field) + "> of "
                                                    + std::string(schema)
                                                    + " has a malformed value: \"" + shown + "\""};
}

}  // namespace detail
}  // namespace rmq::proto
