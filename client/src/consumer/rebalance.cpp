// Rebalance (Java's RebalanceImpl): which queues this consumer holds, where each starts, and
// the broker locks of orderly consumption.
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>

#include "common/log.hpp"
#include "consumer/push_consumer_impl.hpp"
#include "consumer/shared_steps.hpp"
#include "core/errors.hpp"

namespace rocketmq::detail {

asio::awaitable<void> PushConsumerImpl::rebalance() {
    if (state_ != State::running) co_return;
    for (const auto& topic : topics())
        co_await rebalance_topic(topic);
    // Queues of topics no longer subscribed.
    std::vector<MessageQueue> stale;
    for (const auto& [queue, pq] : queues_)
        if (!subscriptions_.contains(queue.topic)) stale.push_back(queue);
    for (const auto& q : stale) {
        auto pq = queues_[q];
        co_await drop_queue(q, pq);
    }
}

asio::awaitable<void> PushConsumerImpl::rebalance_topic(const std::string& topic) {
    auto route = co_await instance_->route(topic);
    if (!route) {
        if (!topic.starts_with("%RETRY%") && state_ == State::running)
            rmq::log::warn("client", "rebalance of " + topic + ": " + route.error().message());
        co_return;
    }
    auto allocated =
        co_await allocate(*instance_, group_, **route, clustering(), options_.allocate_strategy);
    if (!allocated) {
        // A shutdown meanwhile closes what the query used: not worth a warning.
        if (state_ == State::running)
            rmq::log::warn("client", "rebalance of " + topic + ": " + allocated.error().message());
        co_return;
    }
    if (state_ != State::running) co_return;
    const bool changed = co_await update_queues(topic, *allocated);
    if (changed && state_ == State::running) {
        // Brokers learn the new subscription version with the next heartbeat (now).
        subscriptions_[topic].sub_version = std::chrono::duration_cast<std::chrono::milliseconds>(
                                                std::chrono::system_clock::now().time_since_epoch())
                                                .count();
        co_await instance_->heartbeat_all();
    }
}

asio::awaitable<bool> PushConsumerImpl::update_queues(const std::string& topic,
                                                      const std::set<MessageQueue>& allocated) {
    bool changed = false;
    std::vector<std::pair<MessageQueue, QueuePtr>> to_drop;
    for (const auto& [queue, pq] : queues_)
        if (queue.topic == topic && (!allocated.contains(queue) || pq->dropped))
            to_drop.emplace_back(queue, pq);
    for (auto& [queue, pq] : to_drop) {
        co_await drop_queue(queue, pq);
        changed = true;
    }
    for (const auto& queue : allocated) {
        if (queues_.contains(queue)) continue;
        if (orderly() && clustering() && !co_await lock(queue)) continue;
        if (clustering()) offsets_->remove(queue);  // the broker's copy is the truth
        auto start = co_await pull_start_offset(queue);
        if (!start) {
            rmq::log::warn("client", "cannot start consuming " + queue.to_string() + ": "
                                         + start.error().message());
            continue;
        }
        if (state_ != State::running || queues_.contains(queue)) continue;
        auto pq = std::make_shared<ProcessQueue>();
        pq->next_offset = *start;
        if (orderly() && clustering()) {
            pq->locked = true;
            pq->last_lock_time = ProcessQueue::Clock::now();
        }
        queues_[queue] = pq;
        changed = true;
        rmq::log::info("client", group_ + " now consumes " + queue.to_string() + " from offset "
                                     + std::to_string(*start));
        asio::co_spawn(executor(), pull_loop(queue, pq), asio::detached);
    }
    co_return changed;
}

asio::awaitable<Result<int64_t>> PushConsumerImpl::pull_start_offset(const MessageQueue& queue) {
    if (auto it = reset_to_.find(queue); it != reset_to_.end()) {
        const auto offset = it->second;
        reset_to_.erase(it);
        co_return offset;
    }
    co_return co_await start_offset(*instance_, *offsets_, queue, options_.consume_from_where,
                                    options_.consume_timestamp);
}

asio::awaitable<void> PushConsumerImpl::drop_queue(const MessageQueue& queue, const QueuePtr& pq) {
    pq->dropped = true;
    co_await offsets_->persist(queue);
    offsets_->remove(queue);
    queues_.erase(queue);
    pull_broker_id_.erase(queue);
    if (orderly() && clustering() && !pq->consuming) {
        const std::set<MessageQueue> one{queue};
        co_await unlock_queues(*instance_, group_, queue.broker_name, one);
    }
    rmq::log::info("client", group_ + " no longer consumes " + queue.to_string());
}

asio::awaitable<bool> PushConsumerImpl::lock(const MessageQueue& queue) {
    const std::set<MessageQueue> one{queue};
    auto locked = co_await lock_queues(*instance_, group_, queue.broker_name, one);
    co_return locked && locked->contains(queue);
}

asio::awaitable<void> PushConsumerImpl::renew_locks() {
    std::map<std::string, std::set<MessageQueue>> by_broker;
    for (const auto& [queue, pq] : queues_)
        by_broker[queue.broker_name].insert(queue);
    for (const auto& [broker, set] : by_broker) {
        auto locked = co_await lock_queues(*instance_, group_, broker, set);
        if (!locked) {
            rmq::log::warn("client", "lock renewal on " + broker + ": " + locked.error().message());
            continue;
        }
        for (const auto& queue : set) {
            auto it = queues_.find(queue);
            if (it == queues_.end()) continue;
            it->second->locked = locked->contains(queue);
            if (it->second->locked) it->second->last_lock_time = ProcessQueue::Clock::now();
        }
    }
}

}  // namespace rocketmq::detail
