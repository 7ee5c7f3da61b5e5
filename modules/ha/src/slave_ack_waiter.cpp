#include "ha/slave_ack_waiter.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>
#include <vector>

namespace rmq::ha {

namespace asio = boost::asio;
using store::PutMessageStatus;

SlaveAckWaiter::SlaveAckWaiter(HaMaster& master, asio::any_io_executor executor,
                               std::chrono::milliseconds timeout)
    : master_(master), executor_(std::move(executor)), timeout_(timeout) {
    timer_.emplace(executor_);
}

void SlaveAckWaiter::start() {
    std::weak_ptr<SlaveAckWaiter> weak = shared_from_this();
    master_.on_acknowledged([weak](int64_t offset) {
        if (auto self = weak.lock()) self->acknowledged(offset);
    });
}

void SlaveAckWaiter::wait_for(int64_t end_offset, std::function<void(PutMessageStatus)> done) {
    if (abandoned_ || !master_.slave_in_sync(end_offset)) {
        done(PutMessageStatus::slave_not_available);
        return;
    }
    bool first = false;
    PutMessageStatus now = PutMessageStatus::put_ok;
    {
        std::lock_guard lock(mutex_);
        // Checked under the lock: an acknowledgement either is seen here or finds this entry,
        // and abandon() either sees this entry or is seen here.
        if (abandoned_) {
            now = PutMessageStatus::flush_slave_timeout;
        } else if (master_.acked_offset() < end_offset) {
            first = waiting_.empty();
            waiting_.push_back({end_offset, Clock::now() + timeout_, std::move(done)});
            done = nullptr;
        }
    }
    if (done) {
        done(now);
        return;
    }
    if (first) asio::post(executor_, [self = shared_from_this()] { self->arm_timer(); });
}

void SlaveAckWaiter::acknowledged(int64_t offset) {
    std::vector<std::function<void(PutMessageStatus)>> replicated;
    {
        std::lock_guard lock(mutex_);
        while (!waiting_.empty() && waiting_.front().end_offset <= offset) {
            replicated.push_back(std::move(waiting_.front().done));
            waiting_.pop_front();
        }
    }
    for (auto& done : replicated)
        done(PutMessageStatus::put_ok);
}

void SlaveAckWaiter::abandon() {
    {
        std::lock_guard lock(mutex_);
        if (abandoned_.exchange(true)) return;
    }
    asio::co_spawn(
        executor_,
        [self = shared_from_this()]() -> asio::awaitable<void> {
            self->timer_.reset();
            co_return;
        },
        asio::use_future)
        .wait();
    std::deque<Waiting> left;
    {
        std::lock_guard lock(mutex_);
        left.swap(waiting_);
    }
    for (auto& waiting : left)
        waiting.done(PutMessageStatus::flush_slave_timeout);
}

void SlaveAckWaiter::arm_timer() {
    std::lock_guard lock(mutex_);
    if (waiting_.empty() || !timer_) return;
    timer_->expires_at(waiting_.front().deadline);
    timer_->async_wait([self = shared_from_this()](const boost::system::error_code& ec) {
        if (ec != asio::error::operation_aborted) self->expire();
    });
}

void SlaveAckWaiter::expire() {
    std::vector<std::function<void(PutMessageStatus)>> late;
    {
        std::lock_guard lock(mutex_);
        const auto now = Clock::now();
        while (!waiting_.empty() && waiting_.front().deadline <= now) {
            late.push_back(std::move(waiting_.front().done));
            waiting_.pop_front();
        }
    }
    for (auto& done : late)
        done(PutMessageStatus::flush_slave_timeout);
    arm_timer();
}

}  // namespace rmq::ha
