#pragma once
// An outgoing request waiting for its response. It lives in the requesting coroutine's frame;
// the connection's table points at it until the response, the timeout or the close.
#include <optional>
#include <string>

#include "remoting/command.hpp"
#include "remoting/connection.hpp"

namespace rmq::remoting {

struct PendingRequest {
    explicit PendingRequest(const Connection::Executor& executor)
        : wakeup(executor, std::chrono::steady_clock::time_point::max()) {}

    // Expires at the request's deadline; cancel() means "response or close arrived".
    Connection::Timer wakeup;
    std::optional<RemotingCommand> response;
    bool closed = false;
};

}  // namespace rmq::remoting
