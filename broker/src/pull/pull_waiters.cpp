#include "pull/pull_waiters.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace rmq::broker {

std::string PullWaiters::key(std::string_view topic, int32_t queue_id) {
    return std::string(topic) + "@" + std::to_string(queue_id);
}

void PullWaiters::wake(const Waiter& waiter) {
    // Timers are not thread-safe: cancel on the timer's own executor.
    boost::asio::post(waiter.timer->get_executor(), [timer = waiter.timer] { timer->cancel(); });
}

boost::asio::awaitable<void> PullWaiters::wait(std::string topic, int32_t queue_id, int64_t offset,
                                               Clock::time_point deadline,
                                               std::shared_ptr<const store::MessageFilter> filter,
                                               std::function<bool()> arrived_meanwhile) {
    auto executor = co_await boost::asio::this_coro::executor;
    auto timer = std::make_shared<boost::asio::steady_timer>(executor, deadline);
    const auto k = key(topic, queue_id);
    {
        std::lock_guard lock(mutex_);
        if (closed_) co_return;
        waiting_[k].push_back({timer, offset, std::move(filter)});
    }
    if (!arrived_meanwhile())
        (void)co_await timer->async_wait(boost::asio::as_tuple(boost::asio::use_awaitable));
    std::lock_guard lock(mutex_);
    auto it = waiting_.find(k);
    if (it == waiting_.end()) co_return;
    std::erase_if(it->second, [&](const Waiter& w) { return w.timer == timer; });
    if (it->second.empty()) waiting_.erase(it);
}

void PullWaiters::arrived(std::string_view topic, int32_t queue_id, int64_t queue_offset,
                          int64_t tags_code, std::string_view properties) {
    std::lock_guard lock(mutex_);
    if (waiting_.empty()) return;
    auto it = waiting_.find(key(topic, queue_id));
    if (it == waiting_.end()) return;
    auto& list = it->second;
    std::erase_if(list, [&](const Waiter& w) {
        if (queue_offset < w.offset) return false;
        if (w.filter
            && !(w.filter->matches_tags_code(tags_code)
                 && w.filter->matches_properties(properties)))
            return false;
        wake(w);
        return true;
    });
    if (list.empty()) waiting_.erase(it);
}

void PullWaiters::wake_all() {
    std::lock_guard lock(mutex_);
    closed_ = true;
    for (auto& [k, list] : waiting_)
        for (const auto& w : list)
            wake(w);
    waiting_.clear();
}

size_t PullWaiters::held() const {
    std::lock_guard lock(mutex_);
    size_t n = 0;
    for (const auto& [k, list] : waiting_)
        n += list.size();
    return n;
}

}  // namespace rmq::broker
