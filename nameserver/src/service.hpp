#pragma once
// A long-lived coroutine (a periodic job) on a server's executor, with a stop that cancels it and
// waits until it has ended, so nothing it references is destroyed under it.
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <future>
#include <memory>
#include <string>

namespace rmq::nameserver {

class Service {
  public:
    Service() = default;
    ~Service() { stop(); }
    Service(const Service&) = delete;
    Service& operator=(const Service&) = delete;

    /// Runs `body` on `executor`; `name` appears in the log if it ends with an exception.
    void start(boost::asio::any_io_executor executor, boost::asio::awaitable<void> body,
               std::string name);
    /// Emits a terminal cancellation and waits for the coroutine's end. Call it from outside the
    /// executor's threads, while they still run. Idempotent.
    void stop();

  private:
    boost::asio::any_io_executor executor_;
    // Shared with the posted emit, which may run after stop() returned when the coroutine had
    // already ended on its own.
    std::shared_ptr<boost::asio::cancellation_signal> stop_signal_;
    std::future<void> finished_;
};

}  // namespace rmq::nameserver
