#pragma once
// RocketMQ's SQL92 message selector (spec/behaviours.md §2.13): compiled once per subscription,
// evaluated against each message's properties with 4.9.8's rules — three-valued logic, a missing
// property is NULL, a property's text converted to the type it is compared with, and an
// evaluation error (text that is no number) meaning "no match". Also 5.x's CONTAINS, STARTSWITH
// and ENDSWITH. Compiling takes time linear in the text and a bounded stack on any input.
#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "common/expected.hpp"

namespace rmq::filter::sql {

/// Why an expression does not compile: where (0-based offset into the text) and what.
struct CompileError {
    size_t position = 0;
    std::string message;
    /// "Invalid MessageSelector at position N: <message>", the remark a refusal carries.
    std::string describe() const;
};

/// What an evaluation gives, as Java's evaluate() would: TRUE, FALSE, NULL (unknown), or an
/// exception. Only `true_` matches.
enum class Truth : uint8_t { true_, false_, unknown, error };
std::string_view to_string(Truth truth);

/// A message's properties, looked up by name as written in the expression (case-sensitive).
class PropertySource {
  public:
    virtual ~PropertySource() = default;
    /// nullopt when the message has no such property.
    virtual std::optional<std::string_view> find(std::string_view name) const = 0;
};

/// Properties in their stored form (name 0x01 value, joined by 0x02). The first lookup scans
/// the text; a second splits it once, as a selector reading several properties is cheaper on
/// the split form.
class RawProperties final : public PropertySource {
  public:
    explicit RawProperties(std::string_view raw) : raw_(raw) {}
    std::optional<std::string_view> find(std::string_view name) const override;

  private:
    void split() const;
    static constexpr size_t kInline = 32;  // more than that: each lookup scans the text
    std::string_view raw_;
    struct Entry {  // trivial, so that the array costs nothing until split() fills it
        const char* key;
        size_t key_size;
        const char* value;
        size_t value_size;
    };
    mutable std::array<Entry, kInline> entries_;
    mutable size_t count_ = 0;
    mutable bool split_ = false;
    mutable bool overflow_ = false;
    mutable bool looked_up_ = false;
};

struct Node;

/// A compiled selector; immutable, so one instance serves every pull of a subscription.
class Expression {
  public:
    explicit Expression(std::unique_ptr<Node> root);
    ~Expression();
    Expression(Expression&&) noexcept;
    Expression& operator=(Expression&&) noexcept;

    Truth evaluate(const PropertySource& properties) const;
    bool matches(const PropertySource& properties) const {
        return evaluate(properties) == Truth::true_;
    }

  private:
    std::unique_ptr<Node> root_;
};

/// Deepest nesting accepted (parentheses, NOT, signs and chained comparisons each count one);
/// Java would overflow its stack somewhere beyond, and so would we.
inline constexpr int kMaxDepth = 200;

common::Expected<Expression, CompileError> compile(std::string_view text);

}  // namespace rmq::filter::sql
