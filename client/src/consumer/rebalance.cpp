// Rebalance (Java's RebalanceImpl): which queues this consumer holds, where each starts, and
// the broker locks of orderly consumption.
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <ctime>

#include "common/log.hpp"
#include "consumer/push_consumer_impl.hpp"
#include "core/errors.hpp"

namespace rocketmq::detail {

namespace {

/// consumeTimestamp "yyyyMMddHHmmss" in local time → ms since the epoch.
std::optional<int64_t> parse_consume_timestamp(const std::string& text) {
    std::tm tm{};
    if (text.size() != 14
        || std::sscanf(text.c_str(), "%4d%2d%2d%2d%2d%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                       &tm.tm_hour, &tm.tm_min, &tm.tm_sec)
               != 6)
        return std::nullopt;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    tm.tm_isdst = -1;
    const std::time_t t = std::mktime(&tm);
    if (t == static_cast<std::time_t>(-1)) return std::nullopt;
    return static_cast<int64_t>(t) * 1000;
}

}  // namespace

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
        if (!topic.starts_with("%RETRY%"))
            rmq::log::warn("client", "rebalance of " + topic + ": " + route.error().message());
        co_return;
    }
    auto all = (*route)->subscribe_queues;
    std::sort(all.begin(), all.end());
    std::set<MessageQueue> allocated;
    if (clustering()) {
        auto ids = co_await consumer_ids(*instance_, group_, topic);
        if (!ids) {
            rmq::log::warn("client", "rebalance of " + topic + ": " + ids.error().message());
            co_return;
        }
        if (ids->empty() || all.empty()) co_return;
        for (auto& q : options_.allocate_strategy(group_, client_id_, all, *ids))
            allocated.insert(std::move(q));
    } else {
        allocated.insert(all.begin(), all.end());
    }
    if (state_ != State::running) co_return;
    const bool changed = co_await update_queues(topic, allocated);
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
    auto stored = co_await offsets_->read_stored(queue);
    if (!stored) co_return stored.error();
    if (*stored >= 0) co_return *stored;
    const bool retry_topic = queue.topic.starts_with("%RETRY%");
    switch (options_.consume_from_where) {
        case ConsumeFromWhere::first_offset:
            co_return int64_t{0};
        case ConsumeFromWhere::last_offset:
            if (retry_topic) co_return int64_t{0};
            co_return co_await max_offset(*instance_, queue);
        case ConsumeFromWhere::timestamp: {
            if (retry_topic) co_return co_await max_offset(*instance_, queue);
            auto when =
                options_.consume_timestamp.empty()
                    ? std::optional<int64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                                 std::chrono::system_clock::now().time_since_epoch()
                                                 - std::chrono::minutes(30))
                                                 .count())
                    : parse_consume_timestamp(options_.consume_timestamp);
            if (!when)
                co_return make_error(
                    ErrorKind::invalid_argument,
                    "consume_timestamp " + options_.consume_timestamp + " is not yyyyMMddHHmmss");
            co_return co_await search_offset(*instance_, queue, *when);
        }
    }
    co_return int64_t{0};
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
