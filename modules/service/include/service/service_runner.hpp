#pragma once
// The one shape of the servers' background services (the broker's registration, client expiry,
// offset flush, stats, delayed delivery and transaction checks; the name server's broker
// expiry): each service is a coroutine on its own strand of an executor, bound to a cancellation
// slot. The broker gives its runners a service pool whose threads may also block briefly (file
// writes, fsync), so the network threads never run them and one slow service never delays
// another.
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <string>

namespace rmq::service {

class ServiceRunner {
  public:
    using Service = std::function<boost::asio::awaitable<void>()>;

    /// `log_category` names the server in the log line of a service that fails.
    explicit ServiceRunner(boost::asio::any_io_executor pool, std::string log_category);
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

}  // namespace rmq::service
