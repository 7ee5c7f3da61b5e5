#include "core/errors.hpp"

#include "proto/response_code.hpp"

namespace rocketmq {

const char* to_string(ErrorKind kind) noexcept {
    switch (kind) {
        case ErrorKind::broker_refused:
            return "BROKER_REFUSED";
        case ErrorKind::timeout:
            return "TIMEOUT";
        case ErrorKind::network:
            return "NETWORK";
        case ErrorKind::no_route:
            return "NO_ROUTE";
        case ErrorKind::no_name_server:
            return "NO_NAME_SERVER";
        case ErrorKind::invalid_argument:
            return "INVALID_ARGUMENT";
        case ErrorKind::invalid_state:
            return "INVALID_STATE";
        case ErrorKind::cancelled:
            return "CANCELLED";
        case ErrorKind::bad_response:
            return "BAD_RESPONSE";
    }
    return "UNKNOWN";
}

std::string Error::message() const {
    std::string text = std::string(to_string(kind)) + ": " + reason;
    if (response_code >= 0) {
        text += " (code " + std::to_string(response_code);
        if (!remark.empty()) text += ", remark: " + remark;
        text += ")";
    }
    if (!server.empty()) text += " [server " + server + "]";
    return text;
}

}  // namespace rocketmq

namespace rocketmq::detail {

namespace remoting = rmq::remoting;

Error make_error(ErrorKind kind, std::string reason, std::string server) {
    Error e;
    e.kind = kind;
    e.reason = std::move(reason);
    e.server = std::move(server);
    return e;
}

Error transport_error(const rmq::common::Error& error, const std::string& what,
                      const std::string& server) {
    const bool timed_out = error.code == remoting::errc::timeout;
    const bool stopping = error.code == remoting::errc::shutting_down;
    return make_error(timed_out  ? ErrorKind::timeout
                      : stopping ? ErrorKind::invalid_state
                                 : ErrorKind::network,
                      what + " failed: " + error.message, server);
}

Error refused(const remoting::RemotingCommand& response, const std::string& what,
              const std::string& server) {
    Error e;
    e.kind = ErrorKind::broker_refused;
    e.response_code = response.code;
    e.remark = response.remark.value_or("");
    e.server = server;
    const std::string_view name = rmq::proto::response_code_name(response.code);
    e.reason = what + " refused: "
               + (name == "UNKNOWN" ? "response code " + std::to_string(response.code)
                                    : std::string(name));
    return e;
}

}  // namespace rocketmq::detail
