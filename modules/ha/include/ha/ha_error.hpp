#pragma once
// Failures of the replication services: the master cannot listen, a slave cannot reach its
// master, or the stream breaks the protocol. Messages name the address and the offsets.
#include <system_error>
#include <type_traits>

#include "common/error.hpp"

namespace rmq::ha {

enum class errc {
    bad_address = 1,  // not an IP address / host:port
    listen_failed,    // the master cannot bind or listen on haListenPort
    connect_failed,   // the slave cannot connect to its master
    offset_mismatch,  // the master's data does not start at the slave's end
    bad_stream,       // a malformed transfer header
    stopped,          // replication has been stopped (the broker is shutting down)
};

const char* to_string(errc code) noexcept;
inline const char* category_name(errc) noexcept {
    return "rmq.ha";
}
using common::make_error_code;

}  // namespace rmq::ha

template <>
struct std::is_error_code_enum<rmq::ha::errc> : std::true_type {};
