#include "core/reply_waiters.hpp"

#include <boost/asio/post.hpp>

namespace rocketmq::detail {

std::shared_ptr<ReplyWaiters::Waiter> ReplyWaiters::expect(
    const std::string& correlation_id, const asio::any_io_executor& executor,
    std::chrono::steady_clock::time_point deadline) {
    auto waiter = std::make_shared<Waiter>(executor);
    waiter->timer.expires_at(deadline);
    std::lock_guard lock(mutex_);
    waiting_[correlation_id] = waiter;
    return waiter;
}

bool ReplyWaiters::deliver(const std::string& correlation_id, ReceivedMessage reply) {
    std::lock_guard lock(mutex_);
    auto it = waiting_.find(correlation_id);
    if (it == waiting_.end() || it->second->reply) return false;
    it->second->reply = std::move(reply);
    // Timers are not thread-safe: cancel on the timer's own executor.
    asio::post(it->second->timer.get_executor(), [waiter = it->second] { waiter->timer.cancel(); });
    return true;
}

bool ReplyWaiters::answered(const std::string& correlation_id) {
    std::lock_guard lock(mutex_);
    auto it = waiting_.find(correlation_id);
    return it != waiting_.end() && it->second->reply.has_value();
}

std::optional<ReceivedMessage> ReplyWaiters::take(const std::string& correlation_id) {
    std::lock_guard lock(mutex_);
    auto it = waiting_.find(correlation_id);
    if (it == waiting_.end()) return std::nullopt;
    auto reply = std::move(it->second->reply);
    waiting_.erase(it);
    return reply;
}

}  // namespace rocketmq::detail
