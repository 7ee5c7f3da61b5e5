// Recursive descent over 4.9.8's grammar (spec/behaviours.md §2.13), building the tree with the
// checks Java's expression factories make. Like JavaCC's parser it stops after one complete
// expression: what follows is ignored once the next token ends the expression.
#include <cmath>
#include <deque>
#include <limits>
#include <stdexcept>

#include "sql/java_numbers.hpp"
#include "sql/lexer.hpp"
#include "sql/syntax_tree.hpp"

namespace rmq::filter::sql {

namespace {

using NodePtr = std::unique_ptr<Node>;

/// Thrown inside the parser only; compile() turns it into a CompileError.
struct ParseFailure {
    size_t position;
    std::string message;
};

/// IN lists longer than this are looked up in a hash set (Java switches at 5 too).
constexpr size_t kListScanMax = 4;

class Parser {
  public:
    explicit Parser(std::string_view text) : lexer_(text) {}

    NodePtr selector() {
        const size_t at = peek().position;
        return as_boolean(or_expression(), at);
    }

  private:
    const Token& peek(size_t ahead = 0) {
        while (lookahead_.size() <= ahead) {
            lookahead_.push_back(lexer_.next());
            const Token& t = lookahead_.back();
            if (t.kind == TokenKind::invalid) fail(t.position, t.text);
        }
        return lookahead_[ahead];
    }
    Token take() {
        peek();
        Token t = std::move(lookahead_.front());
        lookahead_.pop_front();
        return t;
    }
    bool next_is(TokenKind kind, size_t ahead = 0) { return peek(ahead).kind == kind; }
    Token expect(TokenKind kind) {
        if (!next_is(kind)) unexpected(std::string("expected ") + std::string(describe(kind)));
        return take();
    }
    [[noreturn]] void unexpected(const std::string& wanted) {
        const Token& t = peek();
        std::string found = t.kind == TokenKind::end ? std::string(describe(t.kind))
                                                     : "'" + std::string(t.image) + "'";
        fail(t.position, wanted + ", found " + found);
    }
    [[noreturn]] static void fail(size_t position, std::string message) {
        throw ParseFailure{position, std::move(message)};
    }

    /// One more level of nesting; refused beyond kMaxDepth, before the stack is at risk.
    struct Nesting {
        Parser& p;
        explicit Nesting(Parser& parser, size_t at) : p(parser) {
            if (++p.nesting_ > kMaxDepth)
                fail(at, "nested deeper than " + std::to_string(kMaxDepth) + " levels");
        }
        ~Nesting() { --p.nesting_; }
    };

    static NodePtr make(Op op, std::vector<NodePtr> children, size_t at) {
        auto node = std::make_unique<Node>();
        node->op = op;
        for (const auto& child : children)
            node->depth = std::max(node->depth, child->depth + 1);
        if (node->depth > kMaxDepth)
            fail(at, "nested deeper than " + std::to_string(kMaxDepth) + " levels");
        node->children = std::move(children);
        return node;
    }
    static NodePtr make(Op op, NodePtr child, size_t at) {
        std::vector<NodePtr> children;
        children.push_back(std::move(child));
        return make(op, std::move(children), at);
    }
    static NodePtr make(Op op, NodePtr left, NodePtr right, size_t at) {
        std::vector<NodePtr> children;
        children.push_back(std::move(left));
        children.push_back(std::move(right));
        return make(op, std::move(children), at);
    }
    static Value constant_value(const Node& n) {
        Value v = n.value;
        if (v.type == Value::Type::string) v.s = n.text;
        return v;
    }
    static NodePtr constant(Value value) {
        auto node = std::make_unique<Node>();
        node->value = value;
        return node;
    }

    /// Java's asBooleanExpression: a condition, or a property cast to one.
    static NodePtr as_boolean(NodePtr e, size_t at) {
        if (e->is_boolean()) return e;
        if (e->is_property()) return make(Op::boolean_cast, std::move(e), at);
        fail(at, "this is no condition (a comparison, a property, TRUE, FALSE or NULL)");
    }

    /// AND / OR chains become one node with many children: the same left-to-right,
    /// short-circuit evaluation as Java's nested pairs, without their depth.
    static NodePtr chain(Op op, NodePtr left, NodePtr right, size_t at) {
        if (left->op == op) {
            left->depth = std::max(left->depth, right->depth + 1);
            if (left->depth > kMaxDepth)
                fail(at, "nested deeper than " + std::to_string(kMaxDepth) + " levels");
            left->children.push_back(std::move(right));
            return left;
        }
        return make(op, std::move(left), std::move(right), at);
    }

    /// operand (keyword operand)*, each operand a condition.
    NodePtr logical_chain(Op op, TokenKind keyword, NodePtr (Parser::*operand)()) {
        const size_t at = peek().position;
        auto left = (this->*operand)();
        while (next_is(keyword)) {
            take();
            const size_t right_at = peek().position;
            auto right = (this->*operand)();
            left = chain(op, as_boolean(std::move(left), at),
                         as_boolean(std::move(right), right_at), at);
        }
        return left;
    }
    NodePtr or_expression() {
        return logical_chain(Op::any_of, TokenKind::kw_or, &Parser::and_expression);
    }
    NodePtr and_expression() {
        return logical_chain(Op::all_of, TokenKind::kw_and, &Parser::equality_expression);
    }

    // Java's checkEqualOperand and checkEqualOperandCompatability.
    static NodePtr equal(NodePtr left, NodePtr right, size_t at) {
        for (const Node* e : {left.get(), right.get()})
            if (e->is_constant() && e->value.is_null())
                fail(at, "NULL cannot be compared with '=' or '<>': use IS NULL");
        if (left->is_constant() && right->is_constant() && left->is_boolean()
            && !right->is_boolean())
            fail(at, "a boolean cannot be compared with a number or a string");
        return make(Op::equal, std::move(left), std::move(right), at);
    }

    NodePtr equality_expression() {
        auto left = comparison_expression();
        for (;;) {
            const size_t op_at = peek().position;
            if (next_is(TokenKind::equal)) {
                take();
                left = equal(std::move(left), comparison_expression(), op_at);
            } else if (next_is(TokenKind::not_equal)) {
                take();
                left = make(Op::logical_not, equal(std::move(left), comparison_expression(), op_at),
                            op_at);
            } else if (next_is(TokenKind::kw_is)) {
                take();
                const bool negated = next_is(TokenKind::kw_not);
                if (negated) take();
                if (!next_is(TokenKind::kw_null))
                    unexpected(negated ? "expected NULL after IS NOT"
                                       : "expected NULL or NOT NULL after IS");
                take();
                auto is_null = make(Op::equal, std::move(left), constant(Value::null()), op_at);
                left =
                    negated ? make(Op::logical_not, std::move(is_null), op_at) : std::move(is_null);
            } else {
                return left;
            }
        }
    }

    // Java's checkLessThanOperand: only numbers, properties and their signs are ordered.
    static void check_ordered(const Node& e, size_t at) {
        if (e.is_constant()) {
            const auto t = e.value.type;
            if (t != Value::Type::int32 && t != Value::Type::int64 && t != Value::Type::float64)
                fail(at, "only numbers can be compared with '>', '>=', '<', '<=' or BETWEEN");
            return;
        }
        if (e.is_boolean())
            fail(at, "a condition cannot be compared with '>', '>=', '<', '<=' or BETWEEN");
    }
    static NodePtr ordered(Op op, NodePtr left, NodePtr right, size_t at) {
        check_ordered(*left, at);
        check_ordered(*right, at);
        return make(op, std::move(left), std::move(right), at);
    }

    /// One node for [NOT] BETWEEN, so its operand is evaluated once and never copied; it
    /// answers as Java's AND(>=, <=) (or OR(<, >) when negated) of that operand.
    NodePtr between(NodePtr value, bool negated, size_t at) {
        auto low = unary_expression();
        expect(TokenKind::kw_and);
        auto high = unary_expression();
        if (!negated && low->is_constant() && high->is_constant()) {
            if (low->value.is_null() || high->value.is_null())
                fail(at, "BETWEEN's bounds cannot be NULL");
            bool failed = false;
            const int order = compare_values(constant_value(*high), constant_value(*low), failed);
            if (failed) fail(at, "BETWEEN's bounds cannot be compared");
            if (order < 0) fail(at, "BETWEEN's lower bound is above its upper bound");
        }
        check_ordered(*value, at);
        check_ordered(*low, at);
        check_ordered(*high, at);
        std::vector<NodePtr> children;
        children.push_back(std::move(value));
        children.push_back(std::move(low));
        children.push_back(std::move(high));
        auto node = make(Op::between, std::move(children), at);
        node->negated = negated;
        return node;
    }

    NodePtr in_list(NodePtr property, bool negated, size_t at) {
        if (!property->is_property()) fail(at, "IN needs a property on its left");
        expect(TokenKind::open_paren);
        auto node = make(Op::in, std::move(property), at);
        node->negated = negated;
        node->list.push_back(expect(TokenKind::string).text);
        while (next_is(TokenKind::comma)) {
            take();
            node->list.push_back(expect(TokenKind::string).text);
        }
        expect(TokenKind::close_paren);
        if (node->list.size() > kListScanMax)
            for (const auto& s : node->list)
                node->list_lookup.insert(s);
        return node;
    }

    NodePtr text_match(Op op, NodePtr left, bool negated, size_t at) {
        auto node = make(op, std::move(left), at);
        node->negated = negated;
        node->text = expect(TokenKind::string).text;
        return node;
    }

    static bool is_text_match(TokenKind k) {
        return k == TokenKind::kw_contains || k == TokenKind::kw_startswith
               || k == TokenKind::kw_endswith;
    }
    static Op text_op(TokenKind k) {
        return k == TokenKind::kw_contains     ? Op::contains
               : k == TokenKind::kw_startswith ? Op::starts_with
                                               : Op::ends_with;
    }

    NodePtr comparison_expression() {
        auto left = unary_expression();
        for (;;) {
            const size_t at = peek().position;
            const TokenKind k = peek().kind;
            if (k == TokenKind::greater || k == TokenKind::greater_equal || k == TokenKind::less
                || k == TokenKind::less_equal) {
                take();
                const Op op = k == TokenKind::greater         ? Op::greater
                              : k == TokenKind::greater_equal ? Op::greater_equal
                              : k == TokenKind::less          ? Op::less
                                                              : Op::less_equal;
                left = ordered(op, std::move(left), unary_expression(), at);
            } else if (is_text_match(k)) {
                take();
                left = text_match(text_op(k), std::move(left), false, at);
            } else if (k == TokenKind::kw_between) {
                take();
                left = between(std::move(left), false, at);
            } else if (k == TokenKind::kw_in) {
                take();
                left = in_list(std::move(left), false, at);
            } else if (k == TokenKind::kw_not) {
                // 4.9.8 commits to NOT BETWEEN / NOT IN here: any other NOT is an error.
                const TokenKind after = peek(1).kind;
                if (after == TokenKind::kw_between) {
                    take(), take();
                    left = between(std::move(left), true, at);
                } else if (after == TokenKind::kw_in) {
                    take(), take();
                    left = in_list(std::move(left), true, at);
                } else if (is_text_match(after)) {
                    take(), take();
                    left = text_match(text_op(after), std::move(left), true, at);
                } else {
                    take();
                    unexpected("expected BETWEEN, IN, CONTAINS, STARTSWITH or ENDSWITH after NOT");
                }
            } else {
                return left;
            }
        }
    }

    NodePtr unary_expression() {
        const size_t at = peek().position;
        Nesting level(*this, at);
        if (next_is(TokenKind::plus)) {
            take();
            return unary_expression();
        }
        if (next_is(TokenKind::minus)) {
            take();
            return make(Op::negate, unary_expression(), at);
        }
        if (next_is(TokenKind::kw_not)) {
            take();
            const size_t operand_at = peek().position;
            return make(Op::logical_not, as_boolean(unary_expression(), operand_at), at);
        }
        return primary_expression();
    }

    NodePtr primary_expression() {
        const Token& t = peek();
        switch (t.kind) {
            case TokenKind::string: {
                auto node = constant(Value{Value::Type::string, false, 0, 0, {}});
                node->text = take().text;
                return node;
            }
            case TokenKind::decimal:
                return decimal(take());
            case TokenKind::floating:
                return floating(take());
            case TokenKind::kw_true:
                take();
                return constant(Value::boolean(true));
            case TokenKind::kw_false:
                take();
                return constant(Value::boolean(false));
            case TokenKind::kw_null:
                take();
                return constant(Value::null());
            case TokenKind::identifier: {
                auto node = std::make_unique<Node>();
                node->op = Op::property;
                node->text = std::string(take().image);
                return node;
            }
            case TokenKind::open_paren: {
                take();  // the unary expression around it counted the level
                auto inner = or_expression();
                expect(TokenKind::close_paren);
                return inner;
            }
            default:
                unexpected("expected a value, a property or '('");
        }
    }

    // ConstantExpression.createFromDecimal: an int if it fits, else a long; beyond a long the
    // selector does not compile.
    static NodePtr decimal(const Token& t) {
        auto digits = t.image;
        if (digits.ends_with('l') || digits.ends_with('L')) digits.remove_suffix(1);
        const auto value = java_parse_long(digits);
        if (!value) fail(t.position, "the integer " + std::string(t.image) + " is out of range");
        if (*value >= std::numeric_limits<int32_t>::min()
            && *value <= std::numeric_limits<int32_t>::max())
            return constant(Value::int32(static_cast<int32_t>(*value)));
        return constant(Value::int64(*value));
    }

    // ConstantExpression.createFloat refuses infinity and, as 4.9.8 does, anything below
    // Double.MIN_VALUE: 0.0 included.
    static NodePtr floating(const Token& t) {
        const auto value = java_parse_double(t.image);
        if (!value || std::isinf(*value))
            fail(t.position, "the number " + std::string(t.image) + " is out of range");
        if (*value < std::numeric_limits<double>::denorm_min())
            fail(t.position, "the number " + std::string(t.image)
                                 + " is below the smallest positive double, which 4.9.8 refuses");
        return constant(Value::float64(*value));
    }

    Lexer lexer_;
    std::deque<Token> lookahead_;
    int nesting_ = 0;
};

}  // namespace

std::string CompileError::describe() const {
    return "Invalid MessageSelector at position " + std::to_string(position) + ": " + message;
}

common::Expected<Expression, CompileError> compile(std::string_view text) {
    try {
        Parser parser(text);
        return Expression(parser.selector());
    } catch (const ParseFailure& f) {
        return CompileError{f.position, f.message};
    }
}

}  // namespace rmq::filter::sql
