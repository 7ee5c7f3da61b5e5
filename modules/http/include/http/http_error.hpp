#pragma once
// Failures of the HTTP pieces: the address service cannot listen, or a fetch of the name-server
// list did not yield one. Messages name the URL or the address.
#include <system_error>
#include <type_traits>

#include "common/error.hpp"

namespace rmq::http {

enum class errc {
    bad_url = 1,     // not an http://host[:port]/path URL
    bad_address,     // the listen address is not an IP address
    listen_failed,   // the address service cannot bind or listen
    request_failed,  // resolving, connecting, writing or reading failed
    bad_status,      // the server answered something other than 200
    empty_list,      // the server answered 200 with no addresses
};

const char* to_string(errc code) noexcept;
inline const char* category_name(errc) noexcept {
    return "rmq.http";
}
using common::make_error_code;

template <class T>
using Result = common::Result<T>;

}  // namespace rmq::http

template <>
struct std::is_error_code_enum<rmq::http::errc> : std::true_type {};
