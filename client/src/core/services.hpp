#pragma once
// The periodic services of a client (route refresh, heartbeats, offset persistence,
// rebalance): one coroutine each on the client's executor, woken early on demand, all stopped
// together. No thread sleeps.
#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace rocketmq::detail {

namespace asio = boost::asio;

class Services {
  public:
    using Task = std::function<asio::awaitable<void>()>;

    explicit Services(asio::io_context::executor_type executor) : executor_(executor) {}

    /// Runs `task` after `first_delay`, then every `interval` after each run ends. A task
    /// that throws is logged and runs again at its next tick. Returns the service's index.
    size_t spawn_periodic(std::string name, std::chrono::milliseconds first_delay,
                          std::chrono::milliseconds interval, Task task);
    /// Runs service `index` now instead of at its next tick (a run in progress finishes first).
    void wake(size_t index);
    /// Stops every service; a run in progress ends at its next suspension point. On the
    /// executor.
    void stop();
    bool stopped() const { return *stopped_; }

  private:
    struct Service {
        std::string name;
        std::shared_ptr<asio::steady_timer> timer;
        bool woken = false;
    };
    asio::io_context::executor_type executor_;
    std::mutex mutex_;  // spawn_periodic may run on a caller's thread (a client's start())
    std::vector<std::shared_ptr<Service>> services_;
    std::shared_ptr<bool> stopped_ = std::make_shared<bool>(false);
};

}  // namespace rocketmq::detail
