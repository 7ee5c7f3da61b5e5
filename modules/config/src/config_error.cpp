#include "config/config_error.hpp"

namespace rmq::config {

const char* to_string(errc code) noexcept {
    switch (code) {
        case errc::unreadable_file:
            return "unreadable config file";
        case errc::bad_syntax:
            return "malformed properties";
        case errc::bad_argument:
            return "bad command-line argument";
        case errc::invalid_value:
            return "invalid value";
        case errc::unsupported:
            return "unsupported setting";
    }
    return "unknown config error";
}

}  // namespace rmq::config
