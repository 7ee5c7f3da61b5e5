#include "core/broker_error.hpp"

namespace rmq::broker {

const char* to_string(errc code) noexcept {
    switch (code) {
        case errc::no_real_queue:
            return "no real topic and queue";
        case errc::forbidden_target:
            return "forbidden real topic";
        case errc::peer_refused:
            return "refused by the peer broker";
    }
    return "unknown broker error";
}

}  // namespace rmq::broker
