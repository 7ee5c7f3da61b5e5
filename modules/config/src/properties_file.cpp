#include "config/properties_file.hpp"

#include <cstdint>
#include <fstream>
#include <iterator>
#include <optional>

namespace rmq::config {

namespace {

bool is_blank(char16_t c) {
    return c == u' ' || c == u'\t' || c == u'\f';
}

void append_utf8(std::string& out, uint32_t cp) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

// UTF-16 code units (as Java holds them) to UTF-8; unpaired surrogates become U+FFFD.
std::string to_utf8(const std::u16string& units) {
    std::string out;
    out.reserve(units.size());
    for (size_t i = 0; i < units.size(); ++i) {
        uint32_t c = units[i];
        if (c >= 0xD800 && c <= 0xDBFF && i + 1 < units.size() && units[i + 1] >= 0xDC00
            && units[i + 1] <= 0xDFFF) {
            c = 0x10000 + ((c - 0xD800) << 10) + (units[i + 1] - 0xDC00);
            ++i;
        } else if (c >= 0xD800 && c <= 0xDFFF) {
            c = 0xFFFD;
        }
        append_utf8(out, c);
    }
    return out;
}

int hex_value(char16_t c) {
    if (c >= u'0' && c <= u'9') return c - u'0';
    if (c >= u'a' && c <= u'f') return c - u'a' + 10;
    if (c >= u'A' && c <= u'F') return c - u'A' + 10;
    return -1;
}

// Properties.loadConvert: resolves escapes of one key or value.
std::optional<std::u16string> load_convert(std::u16string_view in) {
    std::u16string out;
    out.reserve(in.size());
    size_t i = 0;
    while (i < in.size()) {
        char16_t c = in[i++];
        if (c != u'\\') {
            out.push_back(c);
            continue;
        }
        if (i >= in.size()) break;  // a lone trailing backslash is dropped
        c = in[i++];
        if (c == u'u') {
            if (in.size() - i < 4) return std::nullopt;
            char16_t value = 0;
            for (int k = 0; k < 4; ++k) {
                int h = hex_value(in[i++]);
                if (h < 0) return std::nullopt;
                value = static_cast<char16_t>((value << 4) | h);
            }
            out.push_back(value);
        } else if (c == u't') {
            out.push_back(u'\t');
        } else if (c == u'r') {
            out.push_back(u'\r');
        } else if (c == u'n') {
            out.push_back(u'\n');
        } else if (c == u'f') {
            out.push_back(u'\f');
        } else {
            out.push_back(c);
        }
    }
    return out;
}

struct LogicalLine {
    std::u16string text;
    int line = 0;
};

// Properties.LineReader: natural lines joined into logical lines, comments and blank lines
// skipped.
std::vector<LogicalLine> read_lines(std::string_view bytes) {
    std::vector<LogicalLine> lines;
    std::u16string buf;
    int physical = 1;
    int start_line = 1;
    bool skip_white = true;
    bool is_comment = false;
    bool is_new_line = true;
    bool appended_line_begin = false;
    bool preceding_backslash = false;
    bool skip_lf = false;
    for (size_t i = 0; i < bytes.size(); ++i) {
        // ISO-8859-1: each byte is one character.
        char16_t c = static_cast<unsigned char>(bytes[i]);
        if (skip_lf) {
            skip_lf = false;
            if (c == u'\n') continue;
        }
        if (skip_white) {
            if (is_blank(c)) continue;
            if (!appended_line_begin && (c == u'\r' || c == u'\n')) {
                if (c == u'\r') skip_lf = true;
                ++physical;
                continue;
            }
            skip_white = false;
            appended_line_begin = false;
        }
        if (is_new_line) {
            is_new_line = false;
            start_line = physical;
            if (c == u'#' || c == u'!') {
                is_comment = true;
                continue;
            }
        }
        if (c != u'\n' && c != u'\r') {
            if (!is_comment) buf.push_back(c);
            preceding_backslash = (c == u'\\') ? !preceding_backslash : false;
            continue;
        }
        // end of a natural line
        if (c == u'\r') skip_lf = true;
        ++physical;
        if (is_comment || buf.empty()) {
            is_comment = false;
            is_new_line = true;
            skip_white = true;
            buf.clear();
            preceding_backslash = false;
            continue;
        }
        if (preceding_backslash) {
            buf.pop_back();
            skip_white = true;
            appended_line_begin = true;
            preceding_backslash = false;
            continue;
        }
        lines.push_back({buf, start_line});
        buf.clear();
        is_new_line = true;
        skip_white = true;
        appended_line_begin = false;
    }
    if (!buf.empty() && !is_comment) {
        if (preceding_backslash) buf.pop_back();
        lines.push_back({buf, start_line});
    }
    return lines;
}

}  // namespace

Result<std::vector<Property>> parse_properties(std::string_view text) {
    std::vector<Property> out;
    for (const auto& logical : read_lines(text)) {
        const std::u16string& lb = logical.text;
        size_t limit = lb.size();
        size_t key_len = 0;
        size_t value_start = limit;
        bool has_sep = false;
        bool preceding_backslash = false;
        while (key_len < limit) {
            char16_t c = lb[key_len];
            if ((c == u'=' || c == u':') && !preceding_backslash) {
                value_start = key_len + 1;
                has_sep = true;
                break;
            }
            if (is_blank(c) && !preceding_backslash) {
                value_start = key_len + 1;
                break;
            }
            preceding_backslash = (c == u'\\') ? !preceding_backslash : false;
            ++key_len;
        }
        while (value_start < limit) {
            char16_t c = lb[value_start];
            if (!is_blank(c)) {
                if (!has_sep && (c == u'=' || c == u':'))
                    has_sep = true;
                else
                    break;
            }
            ++value_start;
        }
        auto key = load_convert(std::u16string_view(lb).substr(0, key_len));
        auto value = load_convert(std::u16string_view(lb).substr(value_start));
        if (!key || !value)
            return common::Error{errc::bad_syntax, "line " + std::to_string(logical.line)
                                                       + ": malformed \\uxxxx encoding"};
        out.push_back({to_utf8(*key), to_utf8(*value), logical.line});
    }
    return out;
}

Result<std::vector<Property>> load_properties_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return common::Error{errc::unreadable_file, "cannot read config file " + path.string()};
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad())
        return common::Error{errc::unreadable_file, "cannot read config file " + path.string()};
    auto parsed = parse_properties(bytes);
    if (!parsed)
        return common::Error{parsed.error().code, path.string() + ": " + parsed.error().message};
    return parsed;
}

namespace {

// UTF-8 to code points (invalid bytes are taken as ISO-8859-1 characters).
std::vector<uint32_t> code_points(std::string_view s) {
    std::vector<uint32_t> out;
    for (size_t i = 0; i < s.size();) {
        auto b = static_cast<unsigned char>(s[i]);
        int len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
        bool ok = len > 0 && i + len <= s.size();
        uint32_t cp = len == 1 ? b : len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
        for (int k = 1; ok && k < len; ++k) {
            auto cb = static_cast<unsigned char>(s[i + k]);
            if ((cb >> 6) != 2) ok = false;
            cp = (cp << 6) | (cb & 0x3F);
        }
        if (!ok) {
            out.push_back(b);
            ++i;
        } else {
            out.push_back(cp);
            i += len;
        }
    }
    return out;
}

void append_unicode_escape(std::string& out, uint32_t unit) {
    static const char* hex = "0123456789ABCDEF";
    out += "\\u";
    for (int shift = 12; shift >= 0; shift -= 4)
        out.push_back(hex[(unit >> shift) & 0xF]);
}

}  // namespace

std::string escape_property(std::string_view text, bool is_key) {
    std::string out;
    bool first = true;
    for (uint32_t cp : code_points(text)) {
        switch (cp) {
            case ' ':
                if (first || is_key) out.push_back('\\');
                out.push_back(' ');
                break;
            case '\t':
                out += "\\t";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\f':
                out += "\\f";
                break;
            case '=':
            case ':':
            case '#':
            case '!':
            case '\\':
                out.push_back('\\');
                out.push_back(static_cast<char>(cp));
                break;
            default:
                if (cp < 0x20 || cp > 0x7E) {
                    if (cp >= 0x10000) {
                        uint32_t v = cp - 0x10000;
                        append_unicode_escape(out, 0xD800 + (v >> 10));
                        append_unicode_escape(out, 0xDC00 + (v & 0x3FF));
                    } else {
                        append_unicode_escape(out, cp);
                    }
                } else {
                    out.push_back(static_cast<char>(cp));
                }
        }
        first = false;
    }
    return out;
}

std::string write_properties(const std::vector<std::pair<std::string, std::string>>& entries,
                             std::string_view comment) {
    std::string out;
    if (!comment.empty()) {
        out += '#';
        out += comment;
        out += '\n';
    }
    for (const auto& [key, value] : entries) {
        out += escape_property(key, true);
        out += '=';
        out += escape_property(value, false);
        out += '\n';
    }
    return out;
}

}  // namespace rmq::config
