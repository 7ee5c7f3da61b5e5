#include "coroutine_tracker.hpp"

#include <boost/asio/co_spawn.hpp>
#include <exception>
#include <string>

#include "common/log.hpp"

namespace rmq::ha {

void CoroutineTracker::spawn(const boost::asio::any_io_executor& executor,
                             boost::asio::awaitable<void> body) {
    {
        std::lock_guard lock(mutex_);
        ++running_;
    }
    boost::asio::co_spawn(executor, std::move(body), [this](std::exception_ptr failure) {
        if (failure) {
            try {
                std::rethrow_exception(failure);
            } catch (const std::exception& e) {
                log::error("ha", std::string("replication coroutine failed: ") + e.what());
            }
        }
        std::lock_guard lock(mutex_);
        --running_;
        ended_.notify_all();
    });
}

size_t CoroutineTracker::running() const {
    std::lock_guard lock(mutex_);
    return running_;
}

void CoroutineTracker::wait_all_ended() {
    std::unique_lock lock(mutex_);
    ended_.wait(lock, [&] { return running_ == 0; });
}

}  // namespace rmq::ha
