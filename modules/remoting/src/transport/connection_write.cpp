// The single writer: drains the write queue, gathering several frames into one async_write.
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/buffer.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

#include "common/log.hpp"
#include "remoting/connection.hpp"
#include "write_queue.hpp"

namespace rmq::remoting {

namespace {

// One gathered write carries at most this much, so a burst of large pull responses does not
// delay the release of queue room (and the wake-up of producers) for too long.
constexpr size_t kMaxBatchFrames = 64;
constexpr size_t kMaxBatchBytes = size_t{1024} * 1024;

void append_buffers(const OutFrame& frame, std::vector<asio::const_buffer>& out) {
    out.emplace_back(frame.prefix.data(), frame.prefix.size());
    if (!frame.body.empty()) out.emplace_back(frame.body.data(), frame.body.size());
    for (const auto& view : frame.body_views)
        if (!view.empty()) out.emplace_back(view.data(), view.size());
}

}  // namespace

asio::awaitable<void> Connection::write_loop([[maybe_unused]] std::shared_ptr<Connection> self) {
    try {
        std::vector<OutFrame> batch;
        std::vector<asio::const_buffer> buffers;
        for (;;) {
            // Named, not in the loop's condition: GCC 12 miscompiles a co_await there
            // (docs/pitfalls.md).
            const bool open = co_await queue_->wait_nonempty();
            if (!open) break;
            queue_->take(batch, kMaxBatchFrames, kMaxBatchBytes);
            buffers.clear();
            for (const auto& frame : batch)
                append_buffers(frame, buffers);
            writing_ = true;
            auto [ec, n] =
                co_await asio::async_write(socket_, buffers, asio::as_tuple(asio::use_awaitable));
            writing_ = false;
            queue_->release(batch);
            if (ec) {
                if (ec != asio::error::operation_aborted && ec != asio::error::broken_pipe
                    && ec != asio::error::connection_reset)
                    log::info("remoting",
                              "write to " + remote_address_ + " failed: " + ec.message());
                do_close("write: " + ec.message());
                break;
            }
            touch();
        }
    } catch (const std::exception& e) {
        log::error("remoting", "writer of " + remote_address_ + " failed: " + e.what());
        do_close(std::string("writer failed: ") + e.what());
    }
}

}  // namespace rmq::remoting
