#pragma once
// The one shape of the broker's background services (registration, client expiry, offset
// flush, stats, delayed delivery, transaction checks): each service is a coroutine on its own
// strand of the broker's service pool, bound to a cancellation slot. The pool's threads are also
// where services may block briefly (file writes, fsync): the network threads never run them, and
// one slow service never delays another.
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <string>

namespace rmq::broker {

class ServiceRunner {
  public:
    using Service = std::function<boost::asio::awaitable<void>()>;

    explicit ServiceRunner(boost::asio::any_io_executor pool);
    ~ServiceRunner();  // stop()
    ServiceRunner(const ServiceRunner&) = delete;
    ServiceRunner& operator=(const ServiceRunner&) = delete;

    /// Runs `service` on a new strand until it returns or stop() cancels it; `name` is logged
    /// when it fails.
    void spawn(std::string name, Service service);
    /// Cancels every service (a timer wait ends at once; work under way finishes first) and waits
    /// until all have ended. Idempotent; never call it from a service.
    void stop();
    bool stopping() const;

    /// Waits `period`; false when the service was cancelled meanwhile (or before).
    static boost::asio::awaitable<bool> sleep(std::chrono::steady_clock::duration period);
    /// `job` every `period` (the first run after one period) until cancelled.
    static boost::asio::awaitable<void> every(std::chrono::steady_clock::duration period,
                                              std::function<void()> job);

  private:
    struct State;
    std::shared_ptr<State> state_;
};

}  // namespace rmq::broker
