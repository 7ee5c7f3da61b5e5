#pragma once
// The remoting server: one acceptor, connections spread over an IoContextPool, requests
// dispatched to processors by code (spec/remoting.md §9).
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "remoting/connection.hpp"
#include "remoting/io_context_pool.hpp"
#include "remoting/processor.hpp"
#include "remoting/transport_error.hpp"

namespace rmq::remoting {

struct ServerConfig {
    std::string bind_address = "0.0.0.0";
    uint16_t port = 0;  // 0 = ephemeral; port() tells which
    /// Threads of the server's own pool (0 = one per core); ignored with an external pool.
    size_t io_threads = 0;
    ConnectionOptions connection;
};

class RemotingServer {
  public:
    /// Without `pool` the server makes its own with `config.io_threads` and runs it while started.
    explicit RemotingServer(ServerConfig config, std::shared_ptr<IoContextPool> pool = nullptr);
    ~RemotingServer();  // stop() with a short grace period
    RemotingServer(const RemotingServer&) = delete;
    RemotingServer& operator=(const RemotingServer&) = delete;

    // Registration happens before start(); the table is fixed afterwards (throws logic_error).
    void register_processor(int32_t code, Processor processor);
    void set_default_processor(Processor processor);
    /// Called once per closed connection, on that connection's thread. Register before start().
    void on_connection_closed(CloseHandler handler);

    /// Binds and listens, then accepts; a listen_failed error names the address.
    Result<void> start();
    /// Graceful: stop accepting and reading, let in-flight requests finish and their responses
    /// flush until `grace` has passed, then close everything. Blocks; call it from outside the
    /// pool's threads (from inside, connections are closed without waiting).
    void stop(std::chrono::milliseconds grace = std::chrono::seconds(5));

    uint16_t port() const;
    size_t connection_count() const;
    std::vector<std::shared_ptr<Connection>> connections() const;
    IoContextPool& pool();

  private:
    struct State;
    std::shared_ptr<State> state_;
};

}  // namespace rmq::remoting
