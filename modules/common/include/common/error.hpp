#pragma once
// The one shape of an internal failure (DESIGN.md, "Errors"): a module's errc, as a
// std::error_code so callers of any module test it the same way, plus a message naming what the
// operator has to act on (the file, the key, the peer, the byte offset).
//
// A module declares its codes as
//     enum class errc { first = 1, ... };            // 0 is "no error" for std::error_code
//     const char* to_string(errc) noexcept;          // the text of each code
//     const char* category_name(errc) noexcept;      // "rmq.<module>"
//     using common::make_error_code;                 // found by ADL for its errc
// beside `std::is_error_code_enum<errc>`; category_of<errc>() then gives its category.
// Protocol answers are not internal failures: they stay a ResponseCode plus a remark.
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <utility>

#include "common/expected.hpp"

namespace rmq::common {

struct Error {
    std::error_code code;
    std::string message;
};

template <class T>
using Result = Expected<T, Error>;

/// `error` with what was being done in front: "<what>: <message>"; the code stays.
inline Error in_context(std::string_view what, Error error) {
    error.message.insert(0, std::string(what) + ": ");
    return error;
}

template <class Errc>
const std::error_category& category_of() noexcept {
    class Category final : public std::error_category {
      public:
        const char* name() const noexcept override { return category_name(Errc{}); }
        std::string message(int value) const override {
            return to_string(static_cast<Errc>(value));
        }
    };
    static const Category category;
    return category;
}

/// The std::error_code of a module's errc (see above for what the module declares).
template <class Errc>
requires std::is_enum_v<Errc> std::error_code make_error_code(Errc code)
noexcept {
    return {static_cast<int>(code), category_of<Errc>()};
}

}  // namespace rmq::common
