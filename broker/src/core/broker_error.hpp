#pragma once
// The broker's own internal failures (its requests' refusals are protocol answers instead: a
// ResponseCode and a remark). Start-up errors keep the code of the module that failed.
#include <system_error>
#include <type_traits>

#include "common/error.hpp"

namespace rmq::broker {

enum class errc {
    no_real_queue = 1,  // a delayed or half record names no usable REAL_TOPIC/REAL_QID
    forbidden_target,   // a delayed record's real topic may not receive it
    peer_refused,       // a broker this one asked (a slave's master) answered with an error code
};

const char* to_string(errc code) noexcept;
inline const char* category_name(errc) noexcept {
    return "rmq.broker";
}
using common::make_error_code;

}  // namespace rmq::broker

template <>
struct std::is_error_code_enum<rmq::broker::errc> : std::true_type {};
