#pragma once
// Why a configuration was refused: the message names the file, line, key or argument, because
// a server that will not start must tell the operator exactly what to change.
#include <system_error>
#include <type_traits>

#include "common/error.hpp"

namespace rmq::config {

enum class errc {
    unreadable_file = 1,  // the config file cannot be opened or read
    bad_syntax,           // a properties file is malformed (a bad \uXXXX escape)
    bad_argument,         // a command-line argument is unknown or lacks its value
    invalid_value,        // a key's value has the wrong type, is out of range or inconsistent
    unsupported,          // a setting asks for something this server does not do
};

const char* to_string(errc code) noexcept;
inline const char* category_name(errc) noexcept {
    return "rmq.config";
}
using common::make_error_code;

template <class T>
using Result = common::Result<T>;

}  // namespace rmq::config

template <>
struct std::is_error_code_enum<rmq::config::errc> : std::true_type {};
