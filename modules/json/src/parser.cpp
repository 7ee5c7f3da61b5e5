// Recursive descent over the bytes; every failure records the first error and unwinds with
// `false`, so nothing throws and the reported position is where the input went wrong.
#include <charconv>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <unordered_map>

#include "json/parse.hpp"
#include "json/write.hpp"

namespace rmq::json {

namespace {

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

// fastjson's identifier characters (IOUtils.firstIdentifierFlags/identifierFlags); bytes of
// multi-byte UTF-8 sequences count as identifier characters, as Java's non-Latin letters do.
bool is_identifier_start(char c) {
    const auto u = static_cast<unsigned char>(c);
    return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || u == '_' || u == '$' || u >= 0x80;
}

bool is_identifier_part(char c) {
    return is_identifier_start(c) || is_digit(c);
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

void append_utf8(std::string& out, uint32_t code) {
    if (code < 0x80) {
        out.push_back(static_cast<char>(code));
    } else if (code < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (code >> 6)));
        out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
    } else if (code < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (code >> 12)));
        out.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (code >> 18)));
        out.push_back(static_cast<char>(0x80 | ((code >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
    }
}

// Java's Map.put semantics for a parsed object: the last value wins, the first key's position
// stays. Small objects (the common case) are checked pairwise without allocating.
void merge_duplicate_keys(Object& members) {
    constexpr size_t kPairwiseLimit = 16;
    bool duplicate = false;
    if (members.size() <= kPairwiseLimit) {
        for (size_t i = 1; i < members.size() && !duplicate; ++i)
            for (size_t j = 0; j < i && !duplicate; ++j)
                duplicate = members[i].key == members[j].key;
    } else {
        std::unordered_map<std::string_view, size_t> seen;
        seen.reserve(members.size());
        for (const Member& m : members) {
            if (!seen.try_emplace(m.key, 0).second) {
                duplicate = true;
                break;
            }
        }
    }
    if (!duplicate) return;
    Object merged;
    std::unordered_map<std::string_view, size_t> position;  // views into `members`' keys
    for (Member& m : members) {
        auto [it, inserted] = position.try_emplace(m.key, merged.size());
        if (inserted) {
            merged.push_back(Member{m.key, std::move(m.value), m.key_style});
        } else {
            merged[it->second].value = std::move(m.value);
            merged[it->second].key_style = m.key_style;
        }
    }
    members = std::move(merged);
}

class Parser {
  public:
    explicit Parser(std::string_view text) : text_(text) {}

    Result<Value> run() {
        if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
        Value root;
        if (skip_space() && at_end()) fail("empty document");
        if (!error_ && parse_value(root) && skip_space() && !at_end())
            fail("unexpected text after the document");
        if (error_) return std::move(*error_);
        return root;
    }

  private:
    bool at_end() const { return pos_ >= text_.size(); }
    char peek() const { return at_end() ? '\0' : text_[pos_]; }

    bool fail(std::string_view what, errc code = errc::syntax) {
        if (!error_) {
            error_ = common::Error{code, std::string(what) + " at byte " + std::to_string(pos_)};
        }
        return false;
    }

    // Whitespace as fastjson's lexer sees it (including \b and \f) and comments.
    bool skip_space() {
        while (!at_end()) {
            const char c = text_[pos_];
            if (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\b') {
                ++pos_;
            } else if (c == '/' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '/') {
                const size_t eol = text_.find('\n', pos_);
                pos_ = eol == std::string_view::npos ? text_.size() : eol + 1;
            } else if (c == '/' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '*') {
                const size_t close = text_.find("*/", pos_ + 2);
                if (close == std::string_view::npos) return fail("unterminated comment");
                pos_ = close + 2;
            } else {
                break;
            }
        }
        return true;
    }

    bool enter() {
        if (++depth_ > kMaxDepth) return fail("nesting deeper than 512 levels", errc::too_deep);
        return true;
    }

    bool parse_value(Value& out) {
        if (!skip_space()) return false;
        const char c = peek();
        if (c == '{') return parse_object(out);
        if (c == '[') return parse_array(out);
        if (c == '"' || c == '\'') {
            std::string s;
            if (!parse_string(s)) return false;
            out = Value(std::move(s));
            return true;
        }
        if (is_digit(c) || c == '-') return parse_number(out, nullptr);
        if (is_identifier_start(c)) return parse_literal(out);
        return at_end() ? fail("unexpected end of input") : fail("unexpected character");
    }

    bool parse_literal(Value& out) {
        const size_t start = pos_;
        while (!at_end() && is_identifier_part(text_[pos_]))
            ++pos_;
        const std::string_view word = text_.substr(start, pos_ - start);
        if (word == "true") {
            out = Value(true);
        } else if (word == "false") {
            out = Value(false);
        } else if (word == "null" || word == "undefined") {
            out = Value();
        } else {
            pos_ = start;
            return fail("unexpected word");
        }
        return true;
    }

    // The optional Java type suffix fastjson accepts after a number literal.
    static bool is_integer_suffix(char c) { return c == 'L' || c == 'S' || c == 'B'; }
    static bool is_real_suffix(char c) { return c == 'F' || c == 'D'; }

    // A number; when `key_text` is given, also its canonical text for use as a bare key.
    bool parse_number(Value& out, std::string* key_text) {
        const size_t start = pos_;
        if (peek() == '-') ++pos_;
        if (!is_digit(peek())) return fail("malformed number");
        while (is_digit(peek()))
            ++pos_;
        bool integral = true;
        if (peek() == '.') {
            integral = false;
            ++pos_;
            while (is_digit(peek()))
                ++pos_;
        }
        if (peek() == 'e' || peek() == 'E') {
            integral = false;
            ++pos_;
            if (peek() == '+' || peek() == '-') ++pos_;
            if (!is_digit(peek())) return fail("malformed number exponent");
            while (is_digit(peek()))
                ++pos_;
        }
        const std::string_view literal = text_.substr(start, pos_ - start);
        if (integral && is_integer_suffix(peek())) {
            ++pos_;
        } else if (is_real_suffix(peek())) {
            integral = false;
            ++pos_;
        }
        if (integral) {
            int64_t v = 0;
            auto [end, ec] = std::from_chars(literal.data(), literal.data() + literal.size(), v);
            if (ec == std::errc() && end == literal.data() + literal.size()) {
                out = Value(v);
                if (key_text) *key_text = std::to_string(v);
                return true;
            }
        }
        // from_chars does not take "1." (fastjson does): complete it before converting.
        std::string digits(literal);
        if (digits.back() == '.') digits.push_back('0');
        double d = 0;
        auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), d);
        if (ec != std::errc() || end != digits.data() + digits.size()) {
            pos_ = start;
            return fail("number out of range", errc::number_out_of_range);
        }
        out = Value(d);
        // As written, suffix included: "03F" must not come back as "03", which reads as 3.
        if (key_text) *key_text = std::string(text_.substr(start, pos_ - start));
        return true;
    }

    bool parse_unicode_escape(std::string& out) {
        auto read4 = [this](uint32_t& code) {
            if (pos_ + 4 > text_.size()) return fail("truncated \\u escape");
            code = 0;
            for (int i = 0; i < 4; ++i) {
                const int h = hex_value(text_[pos_ + i]);
                if (h < 0) return fail("invalid \\u escape");
                code = code << 4 | static_cast<uint32_t>(h);
            }
            pos_ += 4;
            return true;
        };
        uint32_t code = 0;
        if (!read4(code)) return false;
        constexpr uint32_t kReplacement = 0xFFFD;
        if (code >= 0xD800 && code <= 0xDBFF) {
            if (text_.substr(pos_, 2) == "\\u") {
                const size_t saved = pos_;
                pos_ += 2;
                uint32_t low = 0;
                if (!read4(low)) return false;
                if (low >= 0xDC00 && low <= 0xDFFF) {
                    append_utf8(out, 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00));
                    return true;
                }
                pos_ = saved;  // not a pair: the next escape stands on its own
            }
            code = kReplacement;
        } else if (code >= 0xDC00 && code <= 0xDFFF) {
            code = kReplacement;
        }
        append_utf8(out, code);
        return true;
    }

    bool parse_escape(std::string& out) {
        if (at_end()) return fail("unterminated string");
        const char c = text_[pos_++];
        switch (c) {
            case '0':
            case '1':
            case '2':
            case '3':
            case '4':
            case '5':
            case '6':
            case '7':
                out.push_back(static_cast<char>(c - '0'));
                return true;
            case 'b':
                out.push_back('\b');
                return true;
            case 't':
                out.push_back('\t');
                return true;
            case 'n':
                out.push_back('\n');
                return true;
            case 'v':
                out.push_back('\v');
                return true;
            case 'f':
            case 'F':
                out.push_back('\f');
                return true;
            case 'r':
                out.push_back('\r');
                return true;
            case '"':
            case '\'':
            case '/':
            case '\\':
                out.push_back(c);
                return true;
            case 'x': {
                const int hi = hex_value(peek());
                const int lo = pos_ + 1 < text_.size() ? hex_value(text_[pos_ + 1]) : -1;
                if (hi < 0 || lo < 0) return fail("invalid \\x escape");
                pos_ += 2;
                append_utf8(out, static_cast<uint32_t>(hi << 4 | lo));
                return true;
            }
            case 'u':
                return parse_unicode_escape(out);
            default:
                --pos_;
                return fail("invalid escape character");
        }
    }

    // At an opening ' or ": the string up to the matching quote. Raw bytes (control characters
    // and UTF-8 included) pass through unchanged, as fastjson keeps them.
    bool parse_string(std::string& out) {
        const char quote = text_[pos_++];
        while (true) {
            const size_t stop = text_.find_first_of(quote == '"' ? "\"\\" : "'\\", pos_);
            if (stop == std::string_view::npos) {
                pos_ = text_.size();
                return fail("unterminated string");
            }
            out.append(text_.substr(pos_, stop - pos_));
            pos_ = stop + 1;
            if (text_[stop] == quote) return true;
            if (!parse_escape(out)) return false;
        }
    }

    bool parse_key(Member& member) {
        const char c = peek();
        if (c == '"' || c == '\'') return parse_string(member.key);
        if (is_digit(c) || c == '-') {
            member.key_style = KeyStyle::bare;
            Value ignored;
            return parse_number(ignored, &member.key);
        }
        if (c == '{' || c == '[') {
            member.key_style = KeyStyle::bare;
            Value key;
            if (!parse_value(key)) return false;
            member.key = write(key, Format::compact);
            return true;
        }
        if (is_identifier_start(c)) {
            const size_t start = pos_;
            while (!at_end() && is_identifier_part(text_[pos_]))
                ++pos_;
            member.key.assign(text_.substr(start, pos_ - start));
            return true;
        }
        return at_end() ? fail("unexpected end of input") : fail("expected a property name");
    }

    // Commas with nothing between them are skipped, as with fastjson's AllowArbitraryCommas.
    bool skip_commas() {
        while (skip_space() && peek() == ',')
            ++pos_;
        return !error_;
    }

    bool parse_object(Value& out) {
        if (!enter()) return false;
        ++pos_;
        Object members;
        while (true) {
            if (!skip_commas()) return false;
            if (peek() == '}') break;
            Member member;
            if (!parse_key(member) || !skip_space()) return false;
            if (peek() != ':') return fail("expected ':' after a property name");
            ++pos_;
            if (!parse_value(member.value) || !skip_space()) return false;
            members.push_back(std::move(member));
            if (peek() == '}') break;
            if (peek() != ',') return fail("expected ',' or '}' in an object");
        }
        ++pos_;
        --depth_;
        merge_duplicate_keys(members);
        out = Value(std::move(members));
        return true;
    }

    bool parse_array(Value& out) {
        if (!enter()) return false;
        ++pos_;
        Array elements;
        while (true) {
            if (!skip_commas()) return false;
            if (peek() == ']') break;
            Value element;
            if (!parse_value(element) || !skip_space()) return false;
            elements.push_back(std::move(element));
            if (peek() == ']') break;
            if (peek() != ',') return fail("expected ',' or ']' in an array");
        }
        ++pos_;
        --depth_;
        out = Value(std::move(elements));
        return true;
    }

    std::string_view text_;
    size_t pos_ = 0;
    size_t depth_ = 0;
    std::optional<common::Error> error_;
};

}  // namespace

const char* to_string(errc code) noexcept {
    switch (code) {
        case errc::syntax:
            return "JSON syntax error";
        case errc::too_deep:
            return "JSON nested too deep";
        case errc::number_out_of_range:
            return "JSON number out of range";
    }
    return "unknown JSON error";
}

Result<Value> parse(std::string_view text) {
    return Parser(text).run();
}

}  // namespace rmq::json
