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
