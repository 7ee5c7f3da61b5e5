#pragma once
// Machinery for declaring a command's custom header once, as a table, and deriving both its
// encoding into `extFields` and its decoding from them (spec/remoting.md §8).
//
// Each field has a kind:
//   Req  - required (@CFNotNull in Java): missing on decode is a protocol error naming the field.
//   Opt  - nullable: std::optional, omitted from extFields when empty.
//   Prim - a Java primitive (or a boxed field with a non-null default): always written, and a
//          missing key decodes as the default, exactly as Java leaves the field untouched.
// and a value type: std::string, int32_t, int64_t or bool. Values travel as Java's
// String.valueOf text; numbers are parsed like Integer.parseInt/Long.parseLong and booleans like
// Boolean.parseBoolean (only a case-insensitive "true" is true).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

namespace rmq::proto {

enum class FieldKind { Req, Opt, Prim };

namespace detail {
template <FieldKind K, class T>
struct member_type {
    using type = T;
};
template <class T>
struct member_type<FieldKind::Opt, T> {
    using type = std::optional<T>;
};
}  // namespace detail

template <class T>
inline constexpr bool is_optional_v = false;
template <class T>
inline constexpr bool is_optional_v<std::optional<T>> = true;

template <FieldKind K, class T>
using member_t = typename detail::member_type<K, T>::type;

// Table rows are X(kind, type, member, "wireName").
#define RMQ_HEADER_MEMBER(kind, type, member, wire) \
    ::rmq::proto::member_t<::rmq::proto::FieldKind::kind, type> member{};
#define RMQ_HEADER_VISIT(kind, type, member, wire) \
    visitor(::rmq::proto::FieldKind::kind, std::string_view{wire}, member);

/// Declares `struct Name` with one member per table row, `visit()` over (kind, wire name,
/// member), and equality.
#define RMQ_DEFINE_HEADER(Name, FIELDS)                        \
    struct Name {                                              \
        FIELDS(RMQ_HEADER_MEMBER)                              \
        static constexpr std::string_view kSchemaName = #Name; \
        template <class V>                                     \
        void visit(V&& visitor) {                              \
            FIELDS(RMQ_HEADER_VISIT)                           \
        }                                                      \
        template <class V>                                     \
        void visit(V&& visitor) const {                        \
            FIELDS(RMQ_HEADER_VISIT)                           \
        }                                                      \
        bool operator==(const Name&) const = default;          \
    };

/// A header class without fields (Java builds the response with it, so it carries "{}").
#define RMQ_DEFINE_EMPTY_HEADER(Name)                          \
    struct Name {                                              \
        static constexpr std::string_view kSchemaName = #Name; \
        template <class V>                                     \
        void visit(V&&) const {}                               \
        template <class V>                                     \
        void visit(V&&) {}                                     \
        bool operator==(const Name&) const = default;          \
    };

}  // namespace rmq::proto
