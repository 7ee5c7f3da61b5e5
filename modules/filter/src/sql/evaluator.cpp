// Evaluation with 4.9.8's semantics (ComparisonExpression, LogicExpression, UnaryExpression):
// NULL propagates through comparisons, AND/OR are three-valued and short-circuit left to right,
// and a property's text is converted to the type it is compared with — where Java's conversion
// throws, the whole evaluation fails and the message does not match.
#include <algorithm>

#include "message/properties.hpp"
#include "sql/java_numbers.hpp"
#include "sql/syntax_tree.hpp"

namespace rmq::filter::sql {

namespace {

using Type = Value::Type;

template <class T>
int sign_of(T a, T b) {
    return a < b ? -1 : (a > b ? 1 : 0);
}

bool is_number(Type t) {
    return t == Type::int32 || t == Type::int64 || t == Type::float64;
}

double as_double(const Value& v) {
    return v.type == Type::float64 ? v.d : static_cast<double>(v.i);
}

/// Compares two values of one type (Comparable.compareTo).
int compare_same(const Value& a, const Value& b) {
    switch (a.type) {
        case Type::boolean:
            return sign_of<int>(a.b, b.b);
        case Type::int32:
        case Type::int64:
            return sign_of(a.i, b.i);
        case Type::float64:
            return java_double_compare(a.d, b.d);
        // UTF-8 bytes order as code points; Java orders UTF-16 units, which differs only
        // between supplementary characters and U+E000..U+FFFF.
        case Type::string:
            return sign_of(a.s.compare(b.s), 0);
        case Type::null:
            return 0;
    }
    return 0;
}

/// The property's text as the numeric type `like` has (Integer/Long/Double.valueOf).
std::optional<Value> convert_text(std::string_view text, Type like) {
    switch (like) {
        case Type::int32:
            if (auto v = java_parse_int(text)) return Value::int32(*v);
            return std::nullopt;
        case Type::int64:
            if (auto v = java_parse_long(text)) return Value::int64(*v);
            return std::nullopt;
        case Type::float64:
            if (auto v = java_parse_double(text)) return Value::float64(*v);
            return std::nullopt;
        case Type::boolean:
            return Value::boolean(java_parse_boolean(text));
        default:
            return std::nullopt;
    }
}

bool equal_values(const Value& a, const Value& b) {
    if (a.type != b.type) return false;
    if (a.type == Type::float64) return java_double_equals(a.d, b.d);
    return compare_same(a, b) == 0;
}

Value truth(bool b) {
    return Value::boolean(b);
}

}  // namespace

int compare_values(Value lv, Value rv, bool& failed) {
    if (lv.type == rv.type) return compare_same(lv, rv);
    if (lv.type == Type::boolean) {
        // Java casts the Boolean itself to String here: a ClassCastException.
        if (rv.type == Type::string) failed = true;
        return -1;
    }
    if (is_number(lv.type) && is_number(rv.type)) {
        if (lv.type == Type::float64 || rv.type == Type::float64)
            return java_double_compare(as_double(lv), as_double(rv));
        return sign_of(lv.i, rv.i);  // an int widened to a long
    }
    if (is_number(lv.type) && rv.type == Type::string) {
        const auto converted = convert_text(rv.s, lv.type);
        if (!converted) {
            failed = true;
            return -1;
        }
        return compare_same(lv, *converted);
    }
    if (lv.type == Type::string && (is_number(rv.type) || rv.type == Type::boolean)) {
        const auto converted = convert_text(lv.s, rv.type);
        if (!converted) {
            failed = true;
            return -1;
        }
        return compare_same(*converted, rv);
    }
    return -1;  // a number against a boolean
}

namespace {

class Evaluator {
  public:
    Evaluator(const PropertySource& properties, bool& failed)
        : properties_(properties), failed_(failed) {}

    Value eval(const Node& n) {
        switch (n.op) {
            case Op::constant: {
                Value v = n.value;
                if (v.type == Type::string) v.s = n.text;
                return v;
            }
            case Op::property: {
                const auto v = properties_.find(n.text);
                return v ? Value::string(*v) : Value::null();
            }
            case Op::negate:
                return negate(eval(*n.children[0]));
            case Op::boolean_cast: {
                const Value v = eval(*n.children[0]);
                if (v.is_null()) return v;
                return truth(v.type == Type::boolean && v.b);
            }
            case Op::logical_not: {
                const Value v = eval(*n.children[0]);
                if (failed_ || v.is_null()) return Value::null();
                return truth(!v.b);
            }
            case Op::all_of:
                return logic(n, false);
            case Op::any_of:
                return logic(n, true);
            case Op::equal:
                return equal(eval(*n.children[0]), *n.children[1]);
            case Op::greater:
            case Op::greater_equal:
            case Op::less:
            case Op::less_equal:
                return ordered(n.op, eval(*n.children[0]), *n.children[1]);
            case Op::between:
                return between(n);
            case Op::in:
                return in(n);
            case Op::contains:
            case Op::starts_with:
            case Op::ends_with:
                return text_match(n);
        }
        return Value::null();
    }

  private:
    static Value negate(const Value& v) {
        switch (v.type) {
            // Java's negation wraps at the minimum, as two's complement does.
            case Type::int32:
                return Value::int32(static_cast<int32_t>(0u - static_cast<uint32_t>(v.i)));
            case Type::int64:
                return Value::int64(static_cast<int64_t>(0ull - static_cast<uint64_t>(v.i)));
            case Type::float64:
                return Value::float64(-v.d);
            default:
                return Value::null();
        }
    }

    /// AND (any = false) or OR (any = true): the first operand equal to `any` decides; else
    /// NULL if any operand was NULL.
    Value logic(const Node& n, bool any) {
        bool unknown = false;
        for (const auto& child : n.children) {
            const Value v = eval(*child);
            if (failed_) return Value::null();
            if (v.is_null()) {
                unknown = true;
            } else if (v.b == any) {
                return truth(any);
            }
        }
        return unknown ? Value::null() : truth(!any);
    }

    Value equal(const Value& lv, const Node& right) {
        if (failed_) return Value::null();
        const Value rv = eval(right);
        if (failed_) return Value::null();
        if (lv.is_null() != rv.is_null()) return lv.is_null() ? Value::null() : truth(false);
        if (lv.is_null() || equal_values(lv, rv)) return truth(true);
        const int order = compare_values(lv, rv, failed_);
        return truth(!failed_ && order == 0);
    }

    Value ordered(Op op, const Value& lv, const Node& right) {
        if (failed_ || lv.is_null()) return Value::null();
        const Value rv = eval(right);
        if (failed_ || rv.is_null()) return Value::null();
        int order;
        if (lv.type == Type::string && rv.type == Type::string) {
            // Two texts are compared as numbers, or not at all.
            const auto l = java_parse_double(lv.s);
            const auto r = java_parse_double(rv.s);
            if (!l || !r) {
                failed_ = true;
                return Value::null();
            }
            order = java_double_compare(*l, *r);
        } else {
            order = compare_values(lv, rv, failed_);
            if (failed_) return Value::null();
        }
        switch (op) {
            case Op::greater:
                return truth(order > 0);
            case Op::greater_equal:
                return truth(order >= 0);
            case Op::less:
                return truth(order < 0);
            default:
                return truth(order <= 0);
        }
    }

    Value between(const Node& n) {
        const Value v = eval(*n.children[0]);
        const Op first = n.negated ? Op::less : Op::greater_equal;
        const Op second = n.negated ? Op::greater : Op::less_equal;
        const bool decisive = n.negated;  // OR stops at TRUE, AND at FALSE
        const Value a = ordered(first, v, *n.children[1]);
        if (failed_) return Value::null();
        if (!a.is_null() && a.b == decisive) return a;
        const Value b = ordered(second, v, *n.children[2]);
        if (failed_) return Value::null();
        if (!b.is_null() && b.b == decisive) return b;
        if (a.is_null() || b.is_null()) return Value::null();
        return truth(!decisive);
    }

    Value in(const Node& n) {
        const Value v = eval(*n.children[0]);
        if (v.type != Type::string) return Value::null();
        const bool found = n.list_lookup.empty()
                               ? std::find(n.list.begin(), n.list.end(), v.s) != n.list.end()
                               : n.list_lookup.contains(v.s);
        return truth(found != n.negated);
    }

    // 5.x: an empty search text, a missing property or a non-text value never match, negated
    // or not.
    Value text_match(const Node& n) {
        if (n.text.empty()) return truth(false);
        const Value v = eval(*n.children[0]);
        if (failed_) return Value::null();
        if (v.type != Type::string) return truth(false);
        bool hit;
        if (n.op == Op::contains) {
            hit = v.s.find(n.text) != std::string_view::npos;
        } else if (n.op == Op::starts_with) {
            hit = v.s.starts_with(n.text);
        } else {
            hit = v.s.ends_with(n.text);
        }
        return truth(hit != n.negated);
    }

    const PropertySource& properties_;
    bool& failed_;
};

}  // namespace

Value evaluate_node(const Node& node, const PropertySource& properties, bool& failed) {
    return Evaluator(properties, failed).eval(node);
}

void RawProperties::split() const {
    split_ = true;
    message::for_each_property(raw_, [this](std::string_view key, std::string_view value) {
        if (count_ == kInline) {
            overflow_ = true;
            return;
        }
        entries_[count_++] = {key.data(), key.size(), value.data(), value.size()};
    });
}

std::optional<std::string_view> RawProperties::find(std::string_view name) const {
    if (!split_ && looked_up_) split();
    looked_up_ = true;
    if (!split_ || overflow_) {
        // Java's properties map has no empty values: an empty result means absent.
        const auto value = message::find_property(raw_, name);
        if (value.empty()) return std::nullopt;
        return value;
    }
    // From the back: a later duplicate wins, as in Java's map.
    for (size_t i = count_; i-- > 0;) {
        const Entry& e = entries_[i];
        if (std::string_view(e.key, e.key_size) == name)
            return std::string_view(e.value, e.value_size);
    }
    return std::nullopt;
}

Expression::Expression(std::unique_ptr<Node> root) : root_(std::move(root)) {
}
Expression::~Expression() = default;
Expression::Expression(Expression&&) noexcept = default;
Expression& Expression::operator=(Expression&&) noexcept = default;

Truth Expression::evaluate(const PropertySource& properties) const {
    bool failed = false;
    const Value v = evaluate_node(*root_, properties, failed);
    if (failed) return Truth::error;
    if (v.is_null()) return Truth::unknown;
    return v.b ? Truth::true_ : Truth::false_;
}

std::string_view to_string(Truth truth) {
    switch (truth) {
        case Truth::true_:
            return "TRUE";
        case Truth::false_:
            return "FALSE";
        case Truth::unknown:
            return "NULL";
        case Truth::error:
            return "ERROR";
    }
    return "?";
}

}  // namespace rmq::filter::sql
