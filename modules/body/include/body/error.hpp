#pragma once
// The error every body decoder returns: what was wrong, naming the property or entry.
#include <system_error>
#include <type_traits>

#include "common/error.hpp"

namespace rmq::body {

enum class errc {
    not_json = 1,  // the text is not (fastjson's dialect of) JSON
    bad_field,     // a field is missing, of the wrong type or out of range
    truncated,     // a binary body ends early
};

const char* to_string(errc code) noexcept;
inline const char* category_name(errc) noexcept {
    return "rmq.body";
}
using common::make_error_code;

template <class T>
using Result = common::Result<T>;

}  // namespace rmq::body

template <>
struct std::is_error_code_enum<rmq::body::errc> : std::true_type {};
