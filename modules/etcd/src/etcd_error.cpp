#include "etcd/etcd_error.hpp"

namespace rmq::etcd {

const char* to_string(errc code) noexcept {
    switch (code) {
        case errc::unreachable:
            return "etcd unreachable";
        case errc::bad_answer:
            return "unexpected answer from etcd";
        case errc::refused:
            return "etcd refused the request";
    }
    return "unknown etcd error";
}

}  // namespace rmq::etcd
