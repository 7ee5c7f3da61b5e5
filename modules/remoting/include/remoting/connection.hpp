#pragma once
// One TCP connection carrying remoting frames in both directions (spec/remoting.md §1, §5).
// Server and client sides use the same class: either side may send requests.
//
// Threading: a connection belongs to the io_context of its socket, which must be run by exactly
// one thread (IoContextPool guarantees it). All state is touched on that thread only; the public
// methods may be called from anywhere and hop there when needed.
#include <atomic>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "remoting/command.hpp"
#include "remoting/frame.hpp"
#include "remoting/processor.hpp"
#include "remoting/transport_error.hpp"

namespace rmq::remoting {

namespace asio = boost::asio;

struct ConnectionOptions {
    /// Largest accepted frame, length field included (Java's frameMaxLength).
    size_t max_frame_size = kDefaultMaxFrameSize;
    /// Frames queued for writing (including the batch being written). Senders wait when full,
    /// which is how a peer that does not read slows down the requests we read from it.
    size_t write_queue_capacity = 1024;
    /// Bytes queued for writing; a single larger frame is still accepted into an empty queue.
    size_t write_queue_max_bytes = size_t{64} * 1024 * 1024;
    /// Requests from the peer being handled at once; the read loop pauses at the cap.
    size_t max_in_flight_requests = 256;
    /// Close after this long without a read or a write (Java's 120 s all-idle); 0 = never.
    std::chrono::milliseconds max_idle{120'000};
};

class Connection;

struct CloseEvent {
    std::shared_ptr<Connection> connection;
    std::string remote_address;
    std::string reason;
};
/// Runs once, on the connection's thread, right after the close; must not block.
using CloseHandler = std::function<void(const CloseEvent&)>;

class WriteQueue;
struct PendingRequest;

class Connection : public std::enable_shared_from_this<Connection> {
  public:
    using Executor = asio::io_context::executor_type;
    using Socket = asio::basic_stream_socket<asio::ip::tcp, Executor>;
    using Timer =
        asio::basic_waitable_timer<std::chrono::steady_clock,
                                   asio::wait_traits<std::chrono::steady_clock>, Executor>;

    /// `processors` handles requests from the peer; it must not change once the connection runs.
    static std::shared_ptr<Connection> create(Socket socket, const ConnectionOptions& options,
                                              std::shared_ptr<const ProcessorTable> processors);
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    /// Spawns the read loop, the writer and the idle watchdog.
    void start();

    // The awaitables returned below hold a reference to the connection.

    /// Sends `request` (a fresh opaque is assigned, response/oneway bits cleared) and waits for
    /// its response. Errors: errc::timeout (the late response is dropped and counted),
    /// errc::connection_closed (at once when the connection closes).
    asio::awaitable<Result<RemotingCommand>> request(RemotingCommand request,
                                                     std::chrono::milliseconds timeout);
    /// Sends `request` with the oneway bit set; `timeout` bounds only the wait for queue space.
    asio::awaitable<Result<void>> send_oneway(
        RemotingCommand request, std::chrono::milliseconds timeout = std::chrono::seconds(3));

    /// Closes at once: queued frames are dropped, pending requests fail. Safe from any thread.
    void close(std::string reason = "closed locally");
    /// Graceful close: stop reading, let in-flight requests finish and their responses flush,
    /// then close; whatever is left at `deadline` is abandoned. Safe from any executor.
    asio::awaitable<void> shutdown(std::chrono::steady_clock::time_point deadline);

    /// Subscribes to the close; a handler added after the close runs at once (on this thread).
    void on_close(CloseHandler handler);

    bool is_open() const { return open_.load(std::memory_order_acquire); }
    const std::string& remote_address() const { return remote_address_; }
    const std::string& local_address() const { return local_address_; }
    Executor executor() const { return executor_; }
    /// Language and version of the peer's most recent request (the broker reports them).
    LanguageCode peer_language() const { return peer_language_.load(std::memory_order_relaxed); }
    int32_t peer_version() const { return peer_version_.load(std::memory_order_relaxed); }

    // Counters, readable from any thread (tests, metrics).
    /// Responses that matched no pending request (late after a timeout, or bogus).
    uint64_t dropped_responses() const {
        return dropped_responses_.load(std::memory_order_relaxed);
    }
    size_t queued_frames() const;
    size_t peak_queued_frames() const;
    size_t pending_requests() const { return pending_count_.load(std::memory_order_relaxed); }
    size_t in_flight_requests() const { return in_flight_.load(std::memory_order_relaxed); }
    size_t parked_requests() const { return parked_.load(std::memory_order_relaxed); }

    /// A request that waits for an event instead of working (a held pull) stops counting
    /// against max_in_flight_requests until unpark_request(): a consumer holding a pull for
    /// each of hundreds of queues must still get its sends and heartbeats read. Both are called
    /// on the connection's executor, from the request's handler.
    void park_request();
    void unpark_request();

  private:
    Connection(Socket socket, const ConnectionOptions& options,
               std::shared_ptr<const ProcessorTable> processors);

    // Every coroutine takes `self`: it keeps the connection alive for as long as it runs.
    asio::awaitable<void> read_loop(std::shared_ptr<Connection> self);
    asio::awaitable<void> write_loop(std::shared_ptr<Connection> self);
    asio::awaitable<void> idle_loop(std::shared_ptr<Connection> self);
    asio::awaitable<void> serve_request(std::shared_ptr<Connection> self, RemotingCommand request);
    asio::awaitable<Result<RemotingCommand>> do_request(std::shared_ptr<Connection> self,
                                                        RemotingCommand request,
                                                        std::chrono::milliseconds timeout);
    asio::awaitable<Result<void>> do_send_oneway(std::shared_ptr<Connection> self,
                                                 RemotingCommand request,
                                                 std::chrono::milliseconds timeout);
    asio::awaitable<void> do_shutdown(std::shared_ptr<Connection> self,
                                      std::chrono::steady_clock::time_point deadline);

    bool handle_frame(const FrameView& frame);
    void complete_pending(RemotingCommand&& response);
    void request_done();
    void touch() { last_activity_ = std::chrono::steady_clock::now(); }
    void do_close(const std::string& reason);

    Executor executor_;
    Socket socket_;
    ConnectionOptions options_;
    std::shared_ptr<const ProcessorTable> processors_;
    std::unique_ptr<WriteQueue> queue_;
    std::string remote_address_;
    std::string local_address_;

    std::atomic<bool> open_{true};
    bool started_ = false;
    bool reading_stopped_ = false;  // graceful shutdown: no new requests
    bool writing_ = false;          // a batch is inside async_write
    bool reader_waiting_ = false;   // the read loop waits for the in-flight count to drop
    std::chrono::steady_clock::time_point last_activity_;
    Timer idle_timer_;
    Timer in_flight_cv_;  // a never-expiring timer used as a condition: cancel() wakes the reader
    asio::cancellation_signal read_cancel_;

    std::unordered_map<int32_t, PendingRequest*> pending_;

    std::atomic<LanguageCode> peer_language_{LanguageCode::OTHER};
    std::atomic<int32_t> peer_version_{0};
    std::atomic<uint64_t> dropped_responses_{0};
    std::atomic<size_t> pending_count_{0};
    std::atomic<size_t> in_flight_{0};
    std::atomic<size_t> parked_{0};  // of in_flight_

    std::mutex handlers_mutex_;  // guards the three below
    std::vector<CloseHandler> close_handlers_;
    bool close_notified_ = false;
    std::string close_reason_;
};

}  // namespace rmq::remoting
