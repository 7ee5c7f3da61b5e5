// One coroutine per held queue: long-polling pulls, flow control, and the answers that move the
// queue's offset (Java's PullMessageService and DefaultMQPushConsumerImpl.pullMessage).
#include "common/log.hpp"
#include "consumer/push_consumer_impl.hpp"

namespace rocketmq::detail {

namespace {
/// consumeConcurrentlyMaxSpan: the widest offset span cached before pulls pause.
constexpr int64_t kConsumeConcurrentlyMaxSpan = 2000;
/// How long an orderly queue waits for its lock before pulling again.
constexpr std::chrono::milliseconds kPullDelayWhenNotLocked{3000};
/// Java waits this long before dropping a queue whose offset was illegal.
constexpr std::chrono::milliseconds kOffsetMovedDelay{10'000};
}  // namespace

asio::awaitable<bool> PushConsumerImpl::flow_controlled(const MessageQueue& queue,
                                                        const ProcessQueue& pq) {
    size_t max_count = static_cast<size_t>(options_.pull_threshold_for_queue);
    size_t max_mib = static_cast<size_t>(options_.pull_threshold_size_for_queue);
    // Topic-wide limits are shared among the topic's queues held here.
    if (options_.pull_threshold_for_topic > 0 || options_.pull_threshold_size_for_topic > 0) {
        size_t held = 0;
        for (const auto& [q, p] : queues_)
            if (q.topic == queue.topic) ++held;
        held = std::max<size_t>(held, 1);
        if (options_.pull_threshold_for_topic > 0)
            max_count = std::max<size_t>(1, options_.pull_threshold_for_topic / held);
        if (options_.pull_threshold_size_for_topic > 0)
            max_mib = std::max<size_t>(1, options_.pull_threshold_size_for_topic / held);
    }
    if (pq.count() > max_count || pq.bytes() > max_mib * 1024 * 1024) co_return true;
    if (!orderly() && pq.span() > kConsumeConcurrentlyMaxSpan) co_return true;
    co_return false;
}

asio::awaitable<void> PushConsumerImpl::pull_loop(MessageQueue queue, QueuePtr pq) {
    auto self = shared_from_this();
    uint64_t flow_control_times = 0;
    while (!pq->dropped && state_ == State::running) {
        if (paused_) {
            co_await sleep(std::chrono::milliseconds(1000));
            continue;
        }
        const bool controlled = co_await flow_controlled(queue, *pq);
        if (controlled) {
            if (flow_control_times++ % 1000 == 0)
                rmq::log::warn("client", "flow control on " + queue.to_string() + ": "
                                             + std::to_string(pq->count()) + " messages, "
                                             + std::to_string(pq->bytes() / (1024 * 1024))
                                             + " MiB cached");
            co_await sleep(options_.pull_time_delay_when_flow_control);
            continue;
        }
        if (orderly() && clustering() && (!pq->locked || pq->lock_expired())) {
            co_await sleep(kPullDelayWhenNotLocked);
            continue;
        }
        auto sub = subscriptions_.find(queue.topic);
        if (sub == subscriptions_.end()) {
            co_await sleep(options_.pull_time_delay_when_exception);
            continue;
        }
        PullSpec spec;
        spec.group = group_;
        spec.queue = queue;
        spec.offset = pq->next_offset;
        spec.max_messages = options_.pull_batch_size;
        spec.commit_offset = clustering() ? std::max<int64_t>(0, offsets_->read_memory(queue)) : 0;
        spec.suspend = options_.broker_suspend_max_time;
        spec.timeout = options_.consumer_timeout_when_suspend;
        spec.subscription = &sub->second;
        spec.broker_id = pull_broker_id_[queue];
        pq->last_pull_time = ProcessQueue::Clock::now();
        auto result = co_await pull(*instance_, spec);
        if (pq->dropped || state_ != State::running) break;
        if (!result) {
            rmq::log::warn("client", result.error().message());
            co_await sleep(options_.pull_time_delay_when_exception);
            continue;
        }
        pull_broker_id_[queue] = result->suggest_broker_id;
        switch (result->status) {
            case PullStatus::found:
                pq->next_offset = result->next_begin_offset;
                if (!result->messages.empty()) {
                    auto messages = std::move(result->messages);
                    if (pq->put(messages)) dispatch(queue, pq, std::move(messages));
                } else if (pq->count() == 0) {
                    offsets_->update(queue, pq->next_offset, true);
                }
                if (options_.pull_interval.count() > 0) co_await sleep(options_.pull_interval);
                break;
            case PullStatus::no_new_msg:
            case PullStatus::no_matched_msg:
                pq->next_offset = result->next_begin_offset;
                if (pq->count() == 0) offsets_->update(queue, pq->next_offset, true);
                break;
            case PullStatus::offset_illegal: {
                rmq::log::warn("client", "the offset of " + queue.to_string() + " is illegal, "
                                             "moving to " + std::to_string(result->next_begin_offset));
                pq->next_offset = result->next_begin_offset;
                pq->dropped = true;
                // In memory at once: a rebalance that re-creates the queue during the delay
                // starts from there, not from the offset the dropped messages left behind (it
                // would skip the messages in between).
                offsets_->update(queue, pq->next_offset, false);
                co_await sleep(kOffsetMovedDelay);
                if (auto it = queues_.find(queue); it != queues_.end() && it->second == pq) {
                    co_await offsets_->persist(queue);
                    queues_.erase(it);
                }
                instance_->rebalance_soon();
                co_return;
            }
        }
    }
}

}  // namespace rocketmq::detail
