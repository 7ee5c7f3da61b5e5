#pragma once
// The compiled form of a selector: a tree whose nodes mirror 4.9.8's expression classes, so that
// both the compile-time checks (which need to know whether an operand is a constant, a property
// or a boolean expression) and the evaluation follow Java's.
#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

#include "filter/sql_expression.hpp"

namespace rmq::filter::sql {

/// A value during evaluation: Java's Integer, Long, Double, Boolean, String or null. Strings
/// point into the expression (constants) or the message's properties.
struct Value {
    enum class Type : uint8_t { null, boolean, int32, int64, float64, string };
    Type type = Type::null;
    bool b = false;
    int64_t i = 0;
    double d = 0;
    std::string_view s;

    static Value null() { return {}; }
    static Value boolean(bool v) { return Value{Type::boolean, v, 0, 0, {}}; }
    static Value int32(int32_t v) { return Value{Type::int32, false, v, 0, {}}; }
    static Value int64(int64_t v) { return Value{Type::int64, false, v, 0, {}}; }
    static Value float64(double v) { return Value{Type::float64, false, 0, v, {}}; }
    static Value string(std::string_view v) { return Value{Type::string, false, 0, 0, v}; }
    bool is_null() const { return type == Type::null; }
};

enum class Op : uint8_t {
    constant,       // value (a string constant's text is in `text`)
    property,       // text = the property name
    negate,         // -child
    boolean_cast,   // a property used as a condition
    logical_not,    // NOT child
    all_of,         // child AND child AND ...
    any_of,         // child OR child OR ...
    equal,          // = (and IS NULL against a NULL constant)
    greater,        // >
    greater_equal,  // >=
    less,           // <
    less_equal,     // <=
    between,        // children value, low, high; `negated` for NOT BETWEEN
    in,             // property IN (list); `negated` for NOT IN
    contains,       // 5.x: child CONTAINS 'text'; `negated` for NOT CONTAINS
    starts_with,
    ends_with,
};

struct Node {
    Op op = Op::constant;
    bool negated = false;
    Value value;
    std::string text;
    std::vector<std::unique_ptr<Node>> children;
    std::vector<std::string> list;                     // IN, when short
    std::unordered_set<std::string_view> list_lookup;  // IN, when long (views into `list`)
    int depth = 1;

    /// Java's ConstantExpression: a literal of any type, TRUE, FALSE or NULL.
    bool is_constant() const { return op == Op::constant; }
    bool is_property() const { return op == Op::property; }
    /// Java's BooleanExpression: what can stand as a condition.
    bool is_boolean() const {
        return (op == Op::constant && (value.type == Value::Type::boolean || value.is_null()))
               || (op != Op::constant && op != Op::property && op != Op::negate);
    }
};

/// Java's __compare(lv, rv) with string conversion on: the sign of the comparison once the
/// right side is converted to the left's type (or the left to the right's); -1 for types that
/// cannot be compared, `failed` where Java throws.
int compare_values(Value lv, Value rv, bool& failed);

/// Evaluates one node: Java's evaluate(); `failed` is set where Java would throw, after which
/// the result no longer matters.
Value evaluate_node(const Node& node, const PropertySource& properties, bool& failed);

}  // namespace rmq::filter::sql
