#include "sql/lexer.hpp"

#include <array>
#include <utility>

namespace rmq::filter::sql {

namespace {

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}
bool is_id_start(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$';
}
bool is_id_part(char c) {
    return is_id_start(c) || is_digit(c);
}
bool is_blank(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

bool equals_ignore_case(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
        const char x = (a[i] >= 'a' && a[i] <= 'z') ? static_cast<char>(a[i] - 32) : a[i];
        if (x != b[i]) return false;
    }
    return true;
}

constexpr std::array<std::pair<std::string_view, TokenKind>, 12> kKeywords{{
    {"NOT", TokenKind::kw_not},
    {"AND", TokenKind::kw_and},
    {"OR", TokenKind::kw_or},
    {"BETWEEN", TokenKind::kw_between},
    {"IN", TokenKind::kw_in},
    {"TRUE", TokenKind::kw_true},
    {"FALSE", TokenKind::kw_false},
    {"NULL", TokenKind::kw_null},
    {"IS", TokenKind::kw_is},
    {"CONTAINS", TokenKind::kw_contains},
    {"STARTSWITH", TokenKind::kw_startswith},
    {"ENDSWITH", TokenKind::kw_endswith},
}};

/// Length of an exponent ("E", a sign, digits) at `pos`, 0 if there is none.
size_t exponent_length(std::string_view s, size_t pos) {
    if (pos >= s.size() || (s[pos] != 'e' && s[pos] != 'E')) return 0;
    size_t p = pos + 1;
    if (p < s.size() && (s[p] == '+' || s[p] == '-')) ++p;
    const size_t digits = p;
    while (p < s.size() && is_digit(s[p]))
        ++p;
    return p == digits ? 0 : p - pos;
}

}  // namespace

std::string_view describe(TokenKind kind) {
    switch (kind) {
        case TokenKind::end:
            return "the end of the expression";
        case TokenKind::invalid:
            return "an invalid character";
        case TokenKind::decimal:
            return "an integer";
        case TokenKind::floating:
            return "a decimal number";
        case TokenKind::string:
            return "a string";
        case TokenKind::identifier:
            return "a property name";
        case TokenKind::equal:
            return "'='";
        case TokenKind::not_equal:
            return "'<>'";
        case TokenKind::greater:
            return "'>'";
        case TokenKind::greater_equal:
            return "'>='";
        case TokenKind::less:
            return "'<'";
        case TokenKind::less_equal:
            return "'<='";
        case TokenKind::open_paren:
            return "'('";
        case TokenKind::close_paren:
            return "')'";
        case TokenKind::comma:
            return "','";
        case TokenKind::plus:
            return "'+'";
        case TokenKind::minus:
            return "'-'";
        default:
            for (const auto& [word, k] : kKeywords)
                if (k == kind) return word;
            return "a token";
    }
}

void Lexer::skip_blanks_and_comments() {
    for (;;) {
        while (pos_ < input_.size() && is_blank(input_[pos_]))
            ++pos_;
        const auto rest = input_.substr(pos_);
        if (rest.starts_with("--")) {
            // 4.9.8's line comment needs its line end; without one the dashes are minus signs.
            const auto eol = rest.find_first_of("\r\n");
            if (eol == std::string_view::npos) return;
            pos_ += eol + 1;
        } else if (rest.starts_with("/*")) {
            const auto close = rest.find("*/", 2);
            if (close == std::string_view::npos) return;  // then '/' is no token: invalid
            pos_ += close + 2;
        } else {
            return;
        }
    }
}

Token Lexer::next() {
    skip_blanks_and_comments();
    Token t;
    t.position = pos_;
    if (pos_ >= input_.size()) return t;
    const auto rest = input_.substr(pos_);
    const char c = rest[0];
    size_t len = 1;
    const auto two = rest.substr(0, 2);
    if (two == "<>") {
        t.kind = TokenKind::not_equal, len = 2;
    } else if (two == ">=") {
        t.kind = TokenKind::greater_equal, len = 2;
    } else if (two == "<=") {
        t.kind = TokenKind::less_equal, len = 2;
    } else if (c == '=') {
        t.kind = TokenKind::equal;
    } else if (c == '>') {
        t.kind = TokenKind::greater;
    } else if (c == '<') {
        t.kind = TokenKind::less;
    } else if (c == '(') {
        t.kind = TokenKind::open_paren;
    } else if (c == ')') {
        t.kind = TokenKind::close_paren;
    } else if (c == ',') {
        t.kind = TokenKind::comma;
    } else if (c == '+') {
        t.kind = TokenKind::plus;
    } else if (c == '-') {
        t.kind = TokenKind::minus;
    } else if (c == '\'') {
        t.kind = TokenKind::string;
        size_t p = 1;
        for (;;) {
            if (p >= rest.size()) {
                t.kind = TokenKind::invalid;
                t.text = "a string is not closed";
                break;
            }
            if (rest[p] == '\'') {
                if (p + 1 < rest.size() && rest[p + 1] == '\'') {
                    t.text.push_back('\'');
                    p += 2;
                    continue;
                }
                ++p;
                break;
            }
            t.text.push_back(rest[p++]);
        }
        len = p;
    } else if (is_digit(c) || (c == '.' && rest.size() > 1 && is_digit(rest[1]))) {
        // The longest of the number forms wins, as in JavaCC.
        size_t digits = 0;
        while (digits < rest.size() && is_digit(rest[digits]))
            ++digits;
        size_t floating = 0;
        if (digits < rest.size() && rest[digits] == '.') {
            size_t p = digits + 1;
            while (p < rest.size() && is_digit(rest[p]))
                ++p;
            floating = p + exponent_length(rest, p);
        } else if (digits > 0 && exponent_length(rest, digits) > 0) {
            floating = digits + exponent_length(rest, digits);
        }
        size_t decimal = c == '0' ? 1 : digits;
        if (c != '0' && digits > 0 && digits < rest.size()
            && (rest[digits] == 'l' || rest[digits] == 'L'))
            ++decimal;
        if (floating > decimal) {
            t.kind = TokenKind::floating, len = floating;
        } else {
            t.kind = TokenKind::decimal, len = decimal;
        }
    } else if (is_id_start(c)) {
        while (len < rest.size() && is_id_part(rest[len]))
            ++len;
        t.kind = TokenKind::identifier;
        for (const auto& [word, kind] : kKeywords)
            if (equals_ignore_case(rest.substr(0, len), word)) t.kind = kind;
    } else {
        t.kind = TokenKind::invalid;
        t.text = "no token starts with this character";
    }
    t.image = rest.substr(0, len);
    pos_ += len;
    return t;
}

}  // namespace rmq::filter::sql
