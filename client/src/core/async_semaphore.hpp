#pragma once
// A counting semaphore for coroutines on one executor: bounds how many listener calls run at
// once (consume_thread_max) without blocking a thread.
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <deque>
#include <memory>

namespace rocketmq::detail {

namespace asio = boost::asio;

class AsyncSemaphore {
  public:
    AsyncSemaphore(asio::io_context::executor_type executor, size_t permits)
        : executor_(executor), available_(permits) {}

    asio::awaitable<void> acquire() {
        while (available_ == 0) {
            auto waiter = std::make_shared<asio::steady_timer>(
                executor_, asio::steady_timer::time_point::max());
            waiters_.push_back(waiter);
            co_await waiter->async_wait(asio::as_tuple(asio::use_awaitable));
        }
        --available_;
    }
    void release() {
        ++available_;
        if (!waiters_.empty()) {
            waiters_.front()->cancel();
            waiters_.pop_front();
        }
    }
    size_t in_use(size_t permits) const { return permits - available_; }

  private:
    asio::io_context::executor_type executor_;
    size_t available_;
    std::deque<std::shared_ptr<asio::steady_timer>> waiters_;
};

}  // namespace rocketmq::detail
