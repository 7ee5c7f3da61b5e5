#pragma once
// Derived from the tables in headers.hpp: typed header <-> extFields.
#include <string>
#include <string_view>

#include "proto/ext_fields.hpp"
#include "proto/header_schema.hpp"
#include "proto/protocol_error.hpp"

namespace rmq::proto {

// Java-compatible text conversions (Integer.parseInt, Long.parseLong, Boolean.parseBoolean,
// String.valueOf). The parsers return false on malformed or out-of-range text.
bool parse_java_int(std::string_view text, int32_t& out);
bool parse_java_long(std::string_view text, int64_t& out);
bool parse_java_boolean(std::string_view text);
std::string to_java_text(int32_t v);
std::string to_java_text(int64_t v);
std::string to_java_text(bool v);
inline const std::string& to_java_text(const std::string& v) {
    return v;
}

namespace detail {

template <class T>
bool parse_value(std::string_view text, T& out) {
    if constexpr (std::is_same_v<T, std::string>) {
        out.assign(text);
        return true;
    } else if constexpr (std::is_same_v<T, bool>) {
        out = parse_java_boolean(text);
        return true;
    } else if constexpr (std::is_same_v<T, int32_t>) {
        return parse_java_int(text, out);
    } else {
        static_assert(std::is_same_v<T, int64_t>, "header fields are string, int, long or bool");
        return parse_java_long(text, out);
    }
}

ProtocolError missing_field_error(std::string_view schema, std::string_view field);
ProtocolError malformed_field_error(std::string_view schema, std::string_view field,
                                    std::string_view text);

}  // namespace detail

/// Writes every non-null field of `header` into `out` (replacing existing keys).
template <class Header>
void encode_header(const Header& header, ExtFields& out) {
    // Into empty fields (the usual case) the names need no lookup: a header's are distinct.
    const bool fresh = out.empty();
    auto put = [&out, fresh](std::string_view wire, std::string value) {
        if (fresh)
            out.append(std::string(wire), std::move(value));
        else
            out.set(std::string(wire), std::move(value));
    };
    header.visit([&put](FieldKind kind, std::string_view wire, const auto& member) {
        using M = std::decay_t<decltype(member)>;
        (void)kind;
        if constexpr (is_optional_v<M>) {
            if (member) put(wire, std::string(to_java_text(*member)));
        } else if constexpr (std::is_same_v<M, std::string>) {
            put(wire, member);
        } else {
            put(wire, to_java_text(member));
        }
    });
}

template <class Header>
ExtFields encode_header(const Header& header) {
    ExtFields out;
    encode_header(header, out);
    return out;
}

/// Decodes `Header` from extFields (`fields` may be null when the frame had none). A missing
/// required field or a malformed number is a SYSTEM_ERROR naming the field; unknown keys are
/// ignored.
template <class Header>
Result<Header> decode_header(const ExtFields* fields) {
    Header header;
    std::optional<ProtocolError> error;
    header.visit([&](FieldKind kind, std::string_view wire, auto& member) {
        if (error) return;
        const std::string* text = fields ? fields->find(wire) : nullptr;
        using M = std::decay_t<decltype(member)>;
        if (!text) {
            if (kind == FieldKind::Req)
                error = detail::missing_field_error(Header::kSchemaName, wire);
            return;
        }
        bool ok;
        if constexpr (is_optional_v<M>) {
            ok = detail::parse_value(*text, member.emplace());
        } else {
            ok = detail::parse_value(*text, member);
        }
        if (!ok) error = detail::malformed_field_error(Header::kSchemaName, wire, *text);
    });
    if (error) return *std::move(error);
    return header;
}

template <class Header>
Result<Header> decode_header(const ExtFields& fields) {
    return decode_header<Header>(&fields);
}

}  // namespace rmq::proto
