#pragma once
// Failures of the etcd client: no endpoint answered, or one answered something unexpected. The
// messages name the endpoint and what etcd said.
#include <system_error>
#include <type_traits>

#include "common/error.hpp"

namespace rmq::etcd {

enum class errc {
    unreachable = 1,  // no endpoint could be reached within the timeout
    bad_answer,       // an answer that is not the JSON the gateway sends
    refused,          // etcd answered with an error (e.g. "requested lease not found")
};

const char* to_string(errc code) noexcept;
inline const char* category_name(errc) noexcept {
    return "rmq.etcd";
}
using common::make_error_code;

template <class T>
using Result = common::Result<T>;

}  // namespace rmq::etcd

template <>
struct std::is_error_code_enum<rmq::etcd::errc> : std::true_type {};
