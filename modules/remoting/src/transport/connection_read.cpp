// The read side: split the byte stream into frames, route responses to their pending requests
// and requests to the processors, one coroutine per request under the in-flight cap.
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "common/log.hpp"
#include "remoting/connection.hpp"
#include "remoting/frame.hpp"
#include "write_queue.hpp"

namespace rmq::remoting {

namespace {

// Minimum free space for one read. Reads take all the free space the parser has (64 KiB to
// start with, and room for the whole frame once it knows a frame's length), so this only stops
// tiny reads; asking for more would make the parser double its buffer near the end of a frame.
constexpr size_t kMinReadSpace = 4096;

bool is_ordinary_close(const boost::system::error_code& ec) {
    return ec == asio::error::eof || ec == asio::error::connection_reset
           || ec == asio::error::operation_aborted || ec == asio::error::broken_pipe;
}

}  // namespace

asio::awaitable<void> Connection::read_loop([[maybe_unused]] std::shared_ptr<Connection> self) {
    try {
        FrameParser parser(options_.max_frame_size);
        std::string close_reason;
        while (is_open() && !reading_stopped_) {
            FrameView frame;
            auto status = parser.next(frame);
            if (status == FrameParser::Status::Error) {
                log::warn("remoting", "closing " + remote_address_ + ": " + parser.error());
                close_reason = "frame error: " + parser.error();
                break;
            }
            if (status == FrameParser::Status::Frame) {
                if (!handle_frame(frame)) {
                    close_reason = "malformed frame";
                    break;
                }
                // Backpressure: with the cap reached, stop reading until a request finishes.
                while (in_flight_.load(std::memory_order_relaxed)
                               - parked_.load(std::memory_order_relaxed)
                           >= options_.max_in_flight_requests
                       && is_open() && !reading_stopped_) {
                    reader_waiting_ = true;
                    co_await in_flight_cv_.async_wait(asio::as_tuple(asio::use_awaitable));
                    reader_waiting_ = false;
                }
                continue;
            }
            auto space = parser.prepare(kMinReadSpace);
            auto [ec, n] = co_await socket_.async_read_some(
                asio::buffer(space.data(), space.size()),
                asio::bind_cancellation_slot(read_cancel_.slot(),
                                             asio::as_tuple(asio::use_awaitable)));
            if (ec) {
                if (reading_stopped_ && ec == asio::error::operation_aborted) break;
                if (!is_ordinary_close(ec))
                    log::info("remoting",
                              "read from " + remote_address_ + " failed: " + ec.message());
                close_reason = ec == asio::error::eof ? "closed by peer" : "read: " + ec.message();
                break;
            }
            parser.commit(n);
            touch();
        }
        // A graceful shutdown owns the close (it flushes first); every other exit closes now.
        if (!reading_stopped_ && !close_reason.empty()) do_close(close_reason);
    } catch (const std::exception& e) {
        log::error("remoting", "read loop of " + remote_address_ + " failed: " + e.what());
        do_close(std::string("read loop failed: ") + e.what());
    }
}

bool Connection::handle_frame(const FrameView& frame) {
    auto decoded = decode_frame(frame);
    if (!decoded) {
        log::warn("remoting",
                  "closing " + remote_address_ + ": undecodable frame: " + decoded.error().remark);
        return false;
    }
    RemotingCommand& cmd = decoded.value();
    if (cmd.is_response()) {
        complete_pending(std::move(cmd));
        return true;
    }
    peer_language_.store(cmd.language, std::memory_order_relaxed);
    peer_version_.store(cmd.version, std::memory_order_relaxed);
    in_flight_.fetch_add(1, std::memory_order_relaxed);
    // Each request in its own coroutine, so one slow handler does not hold up the others.
    asio::co_spawn(executor_, serve_request(shared_from_this(), std::move(cmd)), asio::detached);
    return true;
}

asio::awaitable<void> Connection::serve_request(std::shared_ptr<Connection> self,
                                                RemotingCommand request) {
    struct Done {
        Connection* conn;
        ~Done() { conn->request_done(); }
    } done{this};
    try {
        RequestContext ctx{self};
        auto response = co_await processors_->dispatch(ctx, request);
        // Waiting here when the write queue is full is what stalls the read loop (via the cap).
        if (response && is_open())
            co_await queue_->push(OutFrame::encode(std::move(*response)), std::nullopt);
    } catch (const std::exception& e) {
        log::error("remoting", "request " + std::to_string(request.code) + " from "
                                   + remote_address_ + " failed: " + e.what());
    }
}

void Connection::park_request() {
    parked_.fetch_add(1, std::memory_order_relaxed);
    if (reader_waiting_) in_flight_cv_.cancel();
}

void Connection::unpark_request() {
    parked_.fetch_sub(1, std::memory_order_relaxed);
}

void Connection::request_done() {
    in_flight_.fetch_sub(1, std::memory_order_relaxed);
    if (reader_waiting_) in_flight_cv_.cancel();
}

}  // namespace rmq::remoting
