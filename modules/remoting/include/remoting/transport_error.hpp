#pragma once
// Failures of the transport itself (timeouts, closed or unreachable peers). They are values, not
// exceptions: a caller of request()/invoke() decides whether to retry another broker, so the
// error's message names the peer, the request code and the opaque where known.
#include <system_error>
#include <type_traits>

#include "common/error.hpp"

namespace rmq::remoting {

enum class errc {
    timeout = 1,        // no response within the request's timeout
    connection_closed,  // the connection closed before the response arrived
    connect_failed,     // could not establish a connection (refused, unreachable, timed out)
    invalid_address,    // "host:port" could not be parsed or resolved
    shutting_down,      // the server/client is stopping and accepts no new work
    listen_failed,      // a server cannot bind or listen on its address
};

const char* to_string(errc code) noexcept;
inline const char* category_name(errc) noexcept {
    return "rmq.remoting";
}
using common::make_error_code;

template <class T>
using Result = common::Result<T>;

}  // namespace rmq::remoting

template <>
struct std::is_error_code_enum<rmq::remoting::errc> : std::true_type {};
