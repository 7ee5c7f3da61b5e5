#include "remoting/transport_error.hpp"

namespace rmq::remoting {

namespace {

class TransportCategory final : public std::error_category {
  public:
    const char* name() const noexcept override { return "rmq.remoting"; }
    std::string message(int value) const override {
        switch (static_cast<errc>(value)) {
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
        }
        return "unknown remoting error";
    }
};

}  // namespace

const std::error_category& transport_category() {
    static const TransportCategory category;
    return category;
}

std::error_code make_error_code(errc e) {
    return {static_cast<int>(e), transport_category()};
}

}  // namespace rmq::remoting
