#pragma once
// The io_context a client object runs on: the user's (no thread started) or one of its own,
// run by one thread for the object's whole life.
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <functional>
#include <memory>
#include <optional>
#include <thread>

namespace rocketmq::detail {

namespace asio = boost::asio;

class ExecutorHost {
  public:
    /// The io_context behind `executor`; throws std::invalid_argument when it has none (the
    /// transport needs an io_context run by one thread).
    explicit ExecutorHost(const asio::any_io_executor& executor);
    /// An io_context of our own and its thread.
    ExecutorHost();
    /// Stops an owned context and joins its thread; call from any thread but that one.
    ~ExecutorHost();
    /// The same, leaving the context (and what is queued on it) to the destructor: objects
    /// holding io objects of the context must go between the two.
    void stop();
    /// stop() after running `last` on an owned context's thread, where what holds io objects
    /// of the context (connections, timers) must be dropped. A caller's context is left alone,
    /// and `last` with it.
    void stop_after(const std::function<void()>& last);
    ExecutorHost(const ExecutorHost&) = delete;
    ExecutorHost& operator=(const ExecutorHost&) = delete;

    asio::io_context& context() { return *context_; }
    bool owned() const { return owned_ != nullptr; }

  private:
    std::unique_ptr<asio::io_context> owned_;
    asio::io_context* context_ = nullptr;
    std::optional<asio::executor_work_guard<asio::io_context::executor_type>> guard_;
    std::thread thread_;
};

}  // namespace rocketmq::detail
