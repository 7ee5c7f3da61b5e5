#include "ha/ha_error.hpp"

namespace rmq::ha {

const char* to_string(errc code) noexcept {
    switch (code) {
        case errc::bad_address:
            return "bad address";
        case errc::listen_failed:
            return "cannot listen";
        case errc::connect_failed:
            return "cannot connect to the master";
        case errc::offset_mismatch:
            return "replication offsets disagree";
        case errc::bad_stream:
            return "malformed replication stream";
        case errc::stopped:
            return "replication stopped";
    }
    return "unknown replication error";
}

}  // namespace rmq::ha
