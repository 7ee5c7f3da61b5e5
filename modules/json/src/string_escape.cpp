#include <cstdint>
#include <string>
#include <string_view>

#include "json/write.hpp"

namespace rmq::json {

void append_json_string(std::string& out, std::string_view text) {
    // fastjson escapes U+0000..U+001F (short forms for \b \t \n \f \r), '"', '\\', and also
    // U+007F..U+00A0, always as \u00XX with uppercase hex.
    static constexpr char kHex[] = "0123456789ABCDEF";
    auto unicode_escape = [&out](unsigned code) {
        out += "\\u00";
        out.push_back(kHex[(code >> 4) & 0xF]);
        out.push_back(kHex[code & 0xF]);
    };
    out.push_back('"');
    size_t run = 0;  // start of the pending run of bytes that need no escaping
    for (size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') continue;  // the common case
        if (c > 0x7F && c != 0xC2) continue;
        if (c == 0xC2) {
            const auto next = i + 1 < text.size() ? static_cast<unsigned char>(text[i + 1]) : 0;
            if (next < 0x80 || next > 0xA0) continue;
        }
        out.append(text.data() + run, i - run);
        run = i + 1;
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\b':
                out += "\\b";
                break;
            case '\f':
                out += "\\f";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            case 0xC2:  // U+0080..U+00A0, two bytes in UTF-8
                unicode_escape(static_cast<unsigned char>(text[i + 1]));
                ++i;
                run = i + 1;
                break;
            default:
                unicode_escape(c);
        }
    }
    out.append(text.data() + run, text.size() - run);
    out.push_back('"');
}

}  // namespace rmq::json

namespace rmq::json {

namespace {

// Decodes one UTF-8 sequence at `i`; an invalid or truncated one yields its first byte.
uint32_t next_code_point(std::string_view text, size_t& i) {
    const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char c = byte(i);
    size_t len = 0;
    uint32_t cp = 0;
    if (c < 0x80) {
        ++i;
        return c;
    } else if ((c & 0xE0) == 0xC0) {
        len = 2;
        cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
        len = 3;
        cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
        len = 4;
        cp = c & 0x07;
    } else {
        ++i;
        return c;
    }
    if (i + len > text.size()) {
        ++i;
        return c;
    }
    for (size_t k = 1; k < len; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80) {
            ++i;
            return c;
        }
        cp = (cp << 6) | (byte(i + k) & 0x3F);
    }
    i += len;
    return cp;
}

}  // namespace

void append_browser_compatible_string(std::string& out, std::string_view text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    auto unit = [&out](uint32_t u) {
        out += "\\u";
        out.push_back(kHex[(u >> 12) & 0xF]);
        out.push_back(kHex[(u >> 8) & 0xF]);
        out.push_back(kHex[(u >> 4) & 0xF]);
        out.push_back(kHex[u & 0xF]);
    };
    out.push_back('"');
    size_t i = 0;
    while (i < text.size()) {
        const uint32_t cp = next_code_point(text, i);
        switch (cp) {
            case '"':
            case '/':
            case '\\':
                out.push_back('\\');
                out.push_back(static_cast<char>(cp));
                continue;
            case '\b':
                out += "\\b";
                continue;
            case '\f':
                out += "\\f";
                continue;
            case '\n':
                out += "\\n";
                continue;
            case '\r':
                out += "\\r";
                continue;
            case '\t':
                out += "\\t";
                continue;
            default:
                break;
        }
        if (cp < 0x20 || (cp >= 0x7F && cp < 0x10000)) {
            unit(cp);
        } else if (cp >= 0x10000) {
            const uint32_t v = cp - 0x10000;
            unit(0xD800 + (v >> 10));
            unit(0xDC00 + (v & 0x3FF));
        } else {
            out.push_back(static_cast<char>(cp));
        }
    }
    out.push_back('"');
}

}  // namespace rmq::json
