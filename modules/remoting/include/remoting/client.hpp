#pragma once
// The remoting client: one connection per "host:port", created on first use and again on the
// next use after it closed. Requests the peer sends back (NOTIFY_CONSUMER_IDS_CHANGED,
// CHECK_TRANSACTION_STATE, ...) go to the client's own processors with the server's rules.
#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

#include "remoting/connection.hpp"
#include "remoting/io_context_pool.hpp"
#include "remoting/processor.hpp"
#include "remoting/transport_error.hpp"

namespace rmq::remoting {

struct ClientConfig {
    /// Threads of the client's own pool (0 = one per core); ignored with an external pool.
    size_t io_threads = 0;
    std::chrono::milliseconds connect_timeout{3000};
    ConnectionOptions connection;
};

class RemotingClient {
  public:
    /// Without `pool` the client makes its own with `config.io_threads` and starts it.
    explicit RemotingClient(ClientConfig config = {},
                            std::shared_ptr<IoContextPool> pool = nullptr);
    ~RemotingClient();  // close()
    RemotingClient(const RemotingClient&) = delete;
    RemotingClient& operator=(const RemotingClient&) = delete;

    // Registration happens before the first connection; the table is fixed afterwards
    // (throws logic_error).
    void register_processor(int32_t code, Processor processor);
    void set_default_processor(Processor processor);
    /// Called once per closed connection, on that connection's thread.
    void on_connection_closed(CloseHandler handler);

    // All awaitables below may be awaited from any executor, and they keep what they need
    // alive (the client object may go away first). Concurrent first uses of one address share a
    // single connect.

    /// The open connection to `address`, connecting if needed (errc::connect_failed,
    /// errc::invalid_address, errc::shutting_down).
    asio::awaitable<Result<std::shared_ptr<Connection>>> connect(std::string address);
    /// Request/response; `timeout` covers the connect as well.
    asio::awaitable<Result<RemotingCommand>> invoke(std::string address, RemotingCommand request,
                                                    std::chrono::milliseconds timeout);
    asio::awaitable<Result<void>> invoke_oneway(
        std::string address, RemotingCommand request,
        std::chrono::milliseconds timeout = std::chrono::seconds(3));
    /// Blocking invoke for tools and tests; never call it from the pool's threads.
    Result<RemotingCommand> invoke_sync(const std::string& address, RemotingCommand request,
                                        std::chrono::milliseconds timeout);

    /// The open connection to `address` if there is one (no connect).
    std::shared_ptr<Connection> find(const std::string& address) const;
    void close_connection(const std::string& address);
    /// Closes every connection; later calls fail with errc::shutting_down. Stops an owned pool.
    void close();
    size_t connection_count() const;
    IoContextPool& pool();

  private:
    struct State;
    std::shared_ptr<State> state_;
};

}  // namespace rmq::remoting
