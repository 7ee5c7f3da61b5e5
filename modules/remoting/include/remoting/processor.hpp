#pragma once
// Request processors and the table that dispatches to them (spec/remoting.md §9).
#include <boost/asio/awaitable.hpp>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>

#include "remoting/command.hpp"

namespace rmq::remoting {

namespace asio = boost::asio;
class Connection;

/// What a processor knows about the request's origin. The connection is shared so a handler may
/// keep it and later send server→client requests on it.
struct RequestContext {
    std::shared_ptr<Connection> connection;
    const std::string& remote_address() const;

    /// While alive, the request does not count against the connection's in-flight cap
    /// (Connection::park_request). Create and destroy it on the connection's executor.
    class Parked {
      public:
        explicit Parked(std::shared_ptr<Connection> connection);
        ~Parked();
        Parked(const Parked&) = delete;
        Parked& operator=(const Parked&) = delete;

      private:
        std::shared_ptr<Connection> connection_;
    };
    Parked park() const { return Parked(connection); }
};

/// Returns the response, or nullopt for "no response" (parked long polls, oneway handling). A
/// processor may throw: the caller answers SYSTEM_ERROR with the exception's message.
using Processor = std::function<asio::awaitable<std::optional<RemotingCommand>>(RequestContext&,
                                                                                RemotingCommand&)>;

class ProcessorTable {
  public:
    void set(int32_t code, Processor processor);
    /// Receives every code without a dedicated processor (the broker's admin processor).
    void set_default(Processor processor);
    const Processor* find(int32_t code) const;

    /// Runs the processor for `request` and applies the dispatch rules: unknown code →
    /// REQUEST_CODE_NOT_SUPPORTED, exception → SYSTEM_ERROR, every response answers the request
    /// (opaque, response flag, serialize type), and a oneway request never yields a response.
    asio::awaitable<std::optional<RemotingCommand>> dispatch(RequestContext& ctx,
                                                             RemotingCommand& request) const;

  private:
    std::unordered_map<int32_t, Processor> processors_;
    Processor default_;
};

}  // namespace rmq::remoting
