#pragma once
// The replication services' coroutines, counted: stop() waits, from outside the executor, until
// every one has ended, so no coroutine outlives the state it uses. A coroutine that throws is
// logged, not lost.
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <condition_variable>
#include <cstddef>
#include <mutex>

namespace rmq::ha {

class CoroutineTracker {
  public:
    void spawn(const boost::asio::any_io_executor& executor, boost::asio::awaitable<void> body);
    size_t running() const;
    /// Blocks until every spawned coroutine ended; never call it on the executor's thread.
    void wait_all_ended();

  private:
    mutable std::mutex mutex_;
    std::condition_variable ended_;
    size_t running_ = 0;
};

}  // namespace rmq::ha
