#include "http/http_error.hpp"

namespace rmq::http {

const char* to_string(errc code) noexcept {
    switch (code) {
        case errc::bad_url:
            return "not an http URL";
        case errc::bad_address:
            return "not an IP address";
        case errc::listen_failed:
            return "cannot listen";
        case errc::request_failed:
            return "HTTP request failed";
        case errc::bad_status:
            return "HTTP status not 200";
        case errc::empty_list:
            return "empty address list";
    }
    return "unknown HTTP error";
}

}  // namespace rmq::http
