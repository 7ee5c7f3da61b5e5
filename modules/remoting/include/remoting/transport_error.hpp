#pragma once
// Failures of the transport itself (timeouts, closed or unreachable peers). They are values, not
// exceptions: a caller of request()/invoke() decides whether to retry another broker, so the
// error must carry a message a user can act on.
#include <string>
#include <system_error>
#include <type_traits>
#include <utility>

#include "common/expected.hpp"

namespace rmq::remoting {

enum class errc {
    timeout = 1,        // no response within the request's timeout
    connection_closed,  // the connection closed before the response arrived
    connect_failed,     // could not establish a connection (refused, unreachable, timed out)
    invalid_address,    // "host:port" could not be parsed or resolved
    shutting_down,      // the server/client is stopping and accepts no new work
};

const std::error_category& transport_category();
std::error_code make_error_code(errc e);

struct TransportError {
    std::error_code code;
    std::string message;  // names the peer, the request code and opaque where known
};

template <class T>
using TransportResult = common::Expected<T, TransportError>;

}  // namespace rmq::remoting

template <>
struct std::is_error_code_enum<rmq::remoting::errc> : std::true_type {};
