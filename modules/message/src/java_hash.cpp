#include "message/java_hash.hpp"

namespace rmq::message {

namespace {

constexpr uint32_t kReplacement = 0xFFFD;

struct Hasher {
    uint32_t h = 0;  // unsigned so the wrap-around is defined; Java's int overflow wraps the same
    void unit(uint32_t u) { h = h * 31U + u; }
    void code_point(uint32_t cp) {
        if (cp < 0x10000) {
            unit(cp);
        } else {
            cp -= 0x10000;
            unit(0xD800 + (cp >> 10));
            unit(0xDC00 + (cp & 0x3FF));
        }
    }
};

bool in(unsigned char b, unsigned lo, unsigned hi) {
    return b >= lo && b <= hi;
}

}  // namespace

int32_t java_string_hash(std::string_view utf8) noexcept {
    Hasher hash;
    const auto* s = reinterpret_cast<const unsigned char*>(utf8.data());
    const std::size_t n = utf8.size();
    std::size_t i = 0;
    while (i < n) {
        const unsigned char b0 = s[i];
        if (b0 < 0x80) {
            hash.unit(b0);
            ++i;
            continue;
        }
        // Sequence length and the allowed range of the second byte (Unicode table 3-7): this
        // excludes overlongs, surrogates and code points above U+10FFFF up front.
        std::size_t len = 0;
        unsigned lo = 0x80, hi = 0xBF;
        if (in(b0, 0xC2, 0xDF)) {
            len = 2;
        } else if (b0 == 0xE0) {
            len = 3, lo = 0xA0;
        } else if (in(b0, 0xE1, 0xEC) || in(b0, 0xEE, 0xEF)) {
            len = 3;
        } else if (b0 == 0xED) {
            len = 3, hi = 0x9F;
        } else if (b0 == 0xF0) {
            len = 4, lo = 0x90;
        } else if (in(b0, 0xF1, 0xF3)) {
            len = 4;
        } else if (b0 == 0xF4) {
            len = 4, hi = 0x8F;
        } else {
            hash.unit(kReplacement);  // stray continuation byte or invalid lead
            ++i;
            continue;
        }
        uint32_t cp = b0 & (0xFF >> (len + 1));
        std::size_t k = 1;
        for (; k < len; ++k) {
            if (i + k >= n) break;
            const unsigned char b = s[i + k];
            if (k == 1 ? !in(b, lo, hi) : !in(b, 0x80, 0xBF)) break;
            cp = (cp << 6) | (b & 0x3F);
        }
        if (k == len) {
            hash.code_point(cp);
        } else {
            hash.unit(kReplacement);  // one U+FFFD for the maximal valid prefix
        }
        i += k;
    }
    return static_cast<int32_t>(hash.h);
}

}  // namespace rmq::message
