// Connection lifecycle: creation, start, close, graceful shutdown, close notifications.
#include "remoting/connection.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "address.hpp"
#include "common/log.hpp"
#include "on_executor.hpp"
#include "pending_request.hpp"
#include "write_queue.hpp"

namespace rmq::remoting {

namespace {

std::string endpoint_string(const Connection::Socket& socket, bool remote) {
    boost::system::error_code ec;
    auto endpoint = remote ? socket.remote_endpoint(ec) : socket.local_endpoint(ec);
    return ec ? std::string("unknown") : to_string(endpoint);
}

}  // namespace

std::shared_ptr<Connection> Connection::create(Socket socket, const ConnectionOptions& options,
                                               std::shared_ptr<const ProcessorTable> processors) {
    return std::shared_ptr<Connection>(
        new Connection(std::move(socket), options, std::move(processors)));
}

Connection::Connection(Socket socket, const ConnectionOptions& options,
                       std::shared_ptr<const ProcessorTable> processors)
    : executor_(socket.get_executor()),
      socket_(std::move(socket)),
      options_(options),
      processors_(std::move(processors)),
      queue_(std::make_unique<WriteQueue>(executor_, options.write_queue_capacity,
                                          options.write_queue_max_bytes)),
      remote_address_(endpoint_string(socket_, true)),
      local_address_(endpoint_string(socket_, false)),
      last_activity_(std::chrono::steady_clock::now()),
      idle_timer_(executor_),
      in_flight_cv_(executor_, std::chrono::steady_clock::time_point::max()) {
    boost::system::error_code ec;
    socket_.set_option(asio::ip::tcp::no_delay(true), ec);  // request/response latency over Nagle
}

Connection::~Connection() = default;

void Connection::start() {
    auto self = shared_from_this();
    asio::dispatch(executor_, [self] {
        if (self->started_) return;
        self->started_ = true;
        if (!self->is_open()) return;
        asio::co_spawn(self->executor_, self->read_loop(self), asio::detached);
        asio::co_spawn(self->executor_, self->write_loop(self), asio::detached);
        asio::co_spawn(self->executor_, self->idle_loop(self), asio::detached);
    });
}

size_t Connection::queued_frames() const {
    return queue_->size();
}
size_t Connection::peak_queued_frames() const {
    return queue_->peak();
}

void Connection::close(std::string reason) {
    auto self = shared_from_this();
    asio::dispatch(executor_, [self, reason = std::move(reason)] { self->do_close(reason); });
}

void Connection::do_close(const std::string& reason) {
    if (!open_.exchange(false, std::memory_order_acq_rel)) return;
    log::debug("remoting", "connection " + remote_address_ + " closed: " + reason);

    boost::system::error_code ec;
    socket_.close(ec);  // completes the pending read and write with operation_aborted
    queue_->close();
    for (auto& [opaque, pending] : pending_) {
        pending->closed = true;
        pending->wakeup.cancel();
    }
    pending_.clear();
    pending_count_.store(0, std::memory_order_relaxed);
    idle_timer_.cancel();
    in_flight_cv_.cancel();

    std::vector<CloseHandler> handlers;
    {
        std::lock_guard lock(handlers_mutex_);
        close_reason_ = reason;
        close_notified_ = true;
        handlers.swap(close_handlers_);
    }
    CloseEvent event{shared_from_this(), remote_address_, reason};
    for (auto& handler : handlers) {
        try {
            handler(event);
        } catch (const std::exception& e) {
            log::error("remoting", std::string("close handler threw: ") + e.what());
        }
    }
}

void Connection::on_close(CloseHandler handler) {
    std::string reason;
    {
        std::lock_guard lock(handlers_mutex_);
        if (!close_notified_) {
            close_handlers_.push_back(std::move(handler));
            return;
        }
        reason = close_reason_;
    }
    handler(CloseEvent{shared_from_this(), remote_address_, std::move(reason)});
}

asio::awaitable<void> Connection::idle_loop([[maybe_unused]] std::shared_ptr<Connection> self) {
    const auto max_idle = options_.max_idle;
    if (max_idle.count() <= 0) co_return;
    while (is_open()) {
        auto idle_for = std::chrono::steady_clock::now() - last_activity_;
        if (idle_for >= max_idle) {
            log::info("remoting", "closing " + remote_address_ + ": idle for "
                                      + std::to_string(max_idle.count()) + " ms");
            do_close("idle for " + std::to_string(max_idle.count()) + " ms");
            break;
        }
        idle_timer_.expires_after(max_idle - idle_for);
        co_await idle_timer_.async_wait(asio::as_tuple(asio::use_awaitable));
    }
}

asio::awaitable<void> Connection::shutdown(std::chrono::steady_clock::time_point deadline) {
    return on_executor(executor_, do_shutdown(shared_from_this(), deadline));
}

asio::awaitable<void> Connection::do_shutdown(std::shared_ptr<Connection> self,
                                              std::chrono::steady_clock::time_point deadline) {
    reading_stopped_ = true;
    read_cancel_.emit(asio::cancellation_type::terminal);
    in_flight_cv_.cancel();

    // Polling keeps this off the hot path: no signal to maintain for a once-per-connection event.
    Timer poll(executor_);
    while (is_open() && std::chrono::steady_clock::now() < deadline) {
        if (in_flight_.load(std::memory_order_relaxed) == 0 && queue_->drained() && !writing_)
            break;
        poll.expires_after(std::chrono::milliseconds(2));
        co_await poll.async_wait(asio::as_tuple(asio::use_awaitable));
    }
    if (is_open()) {
        // FIN after the flushed responses, so the peer reads them before the end of stream.
        boost::system::error_code ec;
        socket_.shutdown(Socket::shutdown_send, ec);
    }
    self->do_close("shutting down");
}

}  // namespace rmq::remoting
