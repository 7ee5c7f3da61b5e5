#pragma once
// Tokens of the selector grammar (4.9.8's SelectorParser.jj, plus 5.x's CONTAINS, STARTSWITH and
// ENDSWITH), read one at a time as the parser asks: like JavaCC's token manager, text past the
// point where the parser stops is never read, so it cannot be an error.
#include <cstddef>
#include <string>
#include <string_view>

namespace rmq::filter::sql {

enum class TokenKind : uint8_t {
    end,
    invalid,  // no token starts here
    kw_not,
    kw_and,
    kw_or,
    kw_between,
    kw_in,
    kw_true,
    kw_false,
    kw_null,
    kw_is,
    kw_contains,
    kw_startswith,
    kw_endswith,
    decimal,   // 0, or [1-9][0-9]* with an optional l/L
    floating,  // 5.5, 5., .5, with an optional exponent, or 5E10
    string,    // '...' with '' for a quote; `text` holds the decoded value
    identifier,
    equal,
    not_equal,
    greater,
    greater_equal,
    less,
    less_equal,
    open_paren,
    close_paren,
    comma,
    plus,
    minus,
};

struct Token {
    TokenKind kind = TokenKind::end;
    size_t position = 0;
    std::string_view image;  // the token as written
    std::string text;        // a string literal's value
};

std::string_view describe(TokenKind kind);

class Lexer {
  public:
    explicit Lexer(std::string_view input) : input_(input) {}
    /// The next token; `invalid` (with an explanation in `text`) where none can start.
    Token next();

  private:
    void skip_blanks_and_comments();
    std::string_view input_;
    size_t pos_ = 0;
};

}  // namespace rmq::filter::sql
