#pragma once
// Held pulls (PullRequestHoldService, spec/behaviours.md §2.6) as coroutines: a pull that found
// nothing waits on a timer, and the dispatcher's arrival of a matching message for its queue
// cancels that timer. Thousands of held pulls are thousands of timers, not threads.
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "store/get_message_result.hpp"

namespace rmq::broker {

class PullWaiters {
  public:
    using Clock = std::chrono::steady_clock;

    /// Waits until a message the filter accepts arrives for `topic`/`queue_id` at or beyond
    /// `offset`, or until `deadline`. `arrived_meanwhile` is asked once the wait is registered,
    /// so a message dispatched between the caller's read and the registration is not missed.
    boost::asio::awaitable<void> wait(std::string topic, int32_t queue_id, int64_t offset,
                                      Clock::time_point deadline,
                                      std::shared_ptr<const store::MessageFilter> filter,
                                      std::function<bool()> arrived_meanwhile);

    /// A message was dispatched (the store's arrival listener, on the dispatcher thread), with
    /// its tags code and raw properties for the held pulls' filters.
    void arrived(std::string_view topic, int32_t queue_id, int64_t queue_offset, int64_t tags_code,
                 std::string_view properties);
    /// Wakes every held pull and holds no more (shutdown: they answer with what there is). A
    /// pull parked after this would outlive the server's io_context, its timer with it.
    void wake_all();
    size_t held() const;

  private:
    struct Waiter {
        std::shared_ptr<boost::asio::steady_timer> timer;
        int64_t offset = 0;
        std::shared_ptr<const store::MessageFilter> filter;
    };
    static std::string key(std::string_view topic, int32_t queue_id);
    static void wake(const Waiter& waiter);

    mutable std::mutex mutex_;
    std::unordered_map<std::string, std::vector<Waiter>> waiting_;
    bool closed_ = false;  // wake_all() ran
};

}  // namespace rmq::broker
