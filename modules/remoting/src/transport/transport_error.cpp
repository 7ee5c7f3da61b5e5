#include "remoting/transport_error.hpp"

namespace rmq::remoting {

const char* to_string(errc code) noexcept {
    switch (code) {
        case errc::timeout:
            return "request timed out";
        case errc::connection_closed:
            return "connection closed";
        case errc::connect_failed:
            return "connect failed";
        case errc::invalid_address:
            return "invalid address";
        case errc::shutting_down:
            return "shutting down";
        case errc::listen_failed:
            return "cannot listen";
    }
    return "unknown remoting error";
}

}  // namespace rmq::remoting
