#include "write_queue.hpp"

#include <algorithm>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "remoting/frame.hpp"

namespace rmq::remoting {

namespace {
constexpr auto kAwait = asio::as_tuple(asio::use_awaitable);
}

OutFrame OutFrame::encode(RemotingCommand&& cmd) {
    OutFrame frame;
    encode_frame_prefix(cmd, frame.prefix);
    frame.body = std::move(cmd.body);
    frame.body_views = std::move(cmd.body_views);
    frame.body_owner = std::move(cmd.body_owner);
    return frame;
}

size_t OutFrame::size() const {
    size_t n = prefix.size() + body.size();
    for (const auto& view : body_views)
        n += view.size();
    return n;
}

WriteQueue::WriteQueue(const Executor& executor, size_t capacity, size_t max_bytes)
    : capacity_(std::max<size_t>(capacity, 1)),
      max_bytes_(max_bytes),
      not_full_(executor, Clock::time_point::max()),
      not_empty_(executor, Clock::time_point::max()) {
}

bool WriteQueue::has_room(size_t frame_size) const {
    size_t count = count_.load(std::memory_order_relaxed);
    if (count >= capacity_) return false;
    // A frame larger than the byte budget must still pass, or it could never be sent.
    return count == 0 || bytes_ + frame_size <= max_bytes_;
}

void WriteQueue::set_count(size_t count, size_t bytes) {
    bytes_ = bytes;
    count_.store(count, std::memory_order_relaxed);
    if (count > peak_.load(std::memory_order_relaxed))
        peak_.store(count, std::memory_order_relaxed);
}

asio::awaitable<WriteQueue::PushResult> WriteQueue::push(
    OutFrame frame, std::optional<Clock::time_point> deadline) {
    using namespace asio::experimental::awaitable_operators;
    const size_t frame_size = frame.size();
    while (!closed_ && !has_room(frame_size)) {
        if (deadline && Clock::now() >= *deadline) co_return PushResult::TimedOut;
        ++producers_waiting_;
        if (deadline) {
            Timer timer(not_full_.get_executor(), *deadline);
            co_await (not_full_.async_wait(kAwait) || timer.async_wait(kAwait));
        } else {
            co_await not_full_.async_wait(kAwait);
        }
        --producers_waiting_;
    }
    if (closed_) co_return PushResult::Closed;
    frames_.push_back(std::move(frame));
    set_count(count_.load(std::memory_order_relaxed) + 1, bytes_ + frame_size);
    if (consumer_waiting_) not_empty_.cancel();
    co_return PushResult::Ok;
}

asio::awaitable<bool> WriteQueue::wait_nonempty() {
    while (!closed_ && frames_.empty()) {
        consumer_waiting_ = true;
        co_await not_empty_.async_wait(kAwait);
        consumer_waiting_ = false;
    }
    co_return !closed_;
}

void WriteQueue::take(std::vector<OutFrame>& batch, size_t max_frames, size_t max_bytes) {
    size_t bytes = 0;
    while (!frames_.empty()
           && (batch.empty() || (batch.size() < max_frames && bytes < max_bytes))) {
        bytes += frames_.front().size();
        batch.push_back(std::move(frames_.front()));
        frames_.pop_front();
    }
}

void WriteQueue::release(std::vector<OutFrame>& batch) {
    if (closed_) {
        batch.clear();
        return;
    }
    size_t bytes = 0;
    for (const auto& frame : batch)
        bytes += frame.size();
    set_count(count_.load(std::memory_order_relaxed) - batch.size(), bytes_ - bytes);
    batch.clear();
    if (producers_waiting_ > 0) not_full_.cancel();
}

void WriteQueue::close() {
    if (closed_) return;
    closed_ = true;
    frames_.clear();
    set_count(0, 0);
    not_full_.cancel();
    not_empty_.cancel();
}

}  // namespace rmq::remoting
