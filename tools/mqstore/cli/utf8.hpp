#pragma once
// UTF-8 validation for output: record strings are bytes from disk, not necessarily text.
#include <cstddef>
#include <string_view>

namespace rmq::mqstore {

/// Length of the valid UTF-8 sequence at the start of `s` (1 for ASCII), 0 if it is not one:
/// overlong forms, surrogates and code points above U+10FFFF are invalid. Precondition: !s.empty().
inline size_t utf8_sequence_length(std::string_view s) {
    const auto b = [&](size_t i) { return static_cast<unsigned char>(s[i]); };
    const unsigned char c = b(0);
    size_t n = 0;
    if (c < 0x80) return 1;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
    } else {
        return 0;
    }
    if (s.size() < n) return 0;
    for (size_t i = 1; i < n; ++i) {
        if ((b(i) & 0xC0) != 0x80) return 0;
    }
    if ((c == 0xE0 && b(1) < 0xA0) || (c == 0xED && b(1) > 0x9F) || (c == 0xF0 && b(1) < 0x90)
        || (c == 0xF4 && b(1) > 0x8F))
        return 0;
    return n;
}

}  // namespace rmq::mqstore
