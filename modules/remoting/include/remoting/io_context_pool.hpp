#pragma once
// N io_contexts, each run by exactly one thread. A connection lives on one context for its whole
// life, so its state needs no locks: everything that touches it runs on that context's thread.
#include <atomic>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <cstddef>
#include <memory>
#include <thread>
#include <vector>

namespace rmq::remoting {

namespace asio = boost::asio;

class IoContextPool {
  public:
    /// `threads` = 0 means one per hardware core.
    explicit IoContextPool(size_t threads = 0);
    /// A pool of one context the caller owns and runs (the client library on a user's
    /// io_context): start(), stop() and join() leave it alone, and no thread is started.
    explicit IoContextPool(asio::io_context& external);
    ~IoContextPool();
    IoContextPool(const IoContextPool&) = delete;
    IoContextPool& operator=(const IoContextPool&) = delete;

    /// Starts one thread per context; idempotent.
    void start();
    /// Stops every context (pending handlers are abandoned, destroyed with the contexts) and
    /// joins the threads. Close connections gracefully before calling this.
    void stop();
    /// Lets the contexts run out of work, then joins (for an orderly end after close()s).
    void join();

    /// Round robin over the contexts; safe from any thread.
    asio::io_context& next();
    asio::io_context& at(size_t i) { return *contexts_[i]; }
    bool external() const { return owned_.empty(); }
    size_t size() const { return contexts_.size(); }
    /// True on one of this pool's threads (blocking waits there would deadlock).
    bool in_pool_thread() const;

  private:
    using Guard = asio::executor_work_guard<asio::io_context::executor_type>;

    std::vector<std::unique_ptr<asio::io_context>> owned_;
    std::vector<asio::io_context*> contexts_;
    std::vector<Guard> guards_;
    std::vector<std::thread> threads_;
    std::atomic<size_t> next_{0};
};

}  // namespace rmq::remoting
