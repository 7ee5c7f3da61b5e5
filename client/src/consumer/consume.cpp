// Handing messages to the listener: concurrently in batches (with send-back of failures), or
// orderly, one batch at a time per queue (Java's ConsumeMessageConcurrentlyService and
// ConsumeMessageOrderlyService).
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>

#include "common/log.hpp"
#include "consumer/push_consumer_impl.hpp"
#include "trace/trace_hooks.hpp"

namespace rocketmq::detail {

namespace {

int64_t now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

ConsumeReturn consume_return(bool consumed, bool threw) {
    if (threw) return ConsumeReturn::exception;
    return consumed ? ConsumeReturn::success : ConsumeReturn::failed;
}

/// How long a message whose send-back failed waits before it is consumed again here.
constexpr std::chrono::milliseconds kLocalRetryDelay{5000};

}  // namespace

void PushConsumerImpl::prepare_for_listener(std::vector<ReceivedMessage>& batch) const {
    const auto start = std::to_string(now_ms());
    for (auto& m : batch) {
        // A retry delivery comes back under its original topic.
        if (auto original = m.property("RETRY_TOPIC"); !original.empty())
            m.topic = std::string(original);
        m.topic = instance_->unwrap_namespace(m.topic);
        m.set_property("CONSUME_START_TIME", start);
    }
}

void PushConsumerImpl::dispatch(const MessageQueue& queue, const QueuePtr& pq,
                                std::vector<ReceivedMessage> messages) {
    if (orderly()) {
        if (!pq->consuming) {
            pq->consuming = true;
            asio::co_spawn(executor(), consume_orderly(queue, pq), asio::detached);
        }
        return;
    }
    const size_t batch_size = static_cast<size_t>(options_.consume_message_batch_max_size);
    for (size_t i = 0; i < messages.size(); i += batch_size) {
        const auto end = std::min(messages.size(), i + batch_size);
        std::vector<ReceivedMessage> batch(std::make_move_iterator(messages.begin() + i),
                                           std::make_move_iterator(messages.begin() + end));
        asio::co_spawn(executor(), consume_batch(queue, pq, std::move(batch)), asio::detached);
    }
}

asio::awaitable<ConsumeResult> PushConsumerImpl::call_listener(std::vector<ReceivedMessage>& batch,
                                                               ConsumeContext& context,
                                                               bool* threw) {
    co_await listener_slots_->acquire();
    ++consuming_;
    ConsumeResult result = ConsumeResult::reconsume_later;
    try {
        if (auto* async = std::get_if<AsyncMessageListener>(&listener_)) {
            result = co_await (*async)(std::span<const ReceivedMessage>(batch), context);
        } else {
            auto& blocking = std::get<MessageListener>(listener_);
            result = co_await asio::co_spawn(
                *pool_,
                [&]() -> asio::awaitable<ConsumeResult> {
                    co_return blocking(std::span<const ReceivedMessage>(batch), context);
                },
                asio::use_awaitable);
        }
    } catch (const std::exception& e) {
        rmq::log::warn("client", "the listener of " + group_ + " threw (treated as "
                                     "RECONSUME_LATER): " + e.what());
        result = ConsumeResult::reconsume_later;
        if (threw) *threw = true;
    }
    --consuming_;
    listener_slots_->release();
    if (consuming_ == 0) idle_.cancel();
    co_return result;
}

asio::awaitable<void> PushConsumerImpl::consume_batch(MessageQueue queue, QueuePtr pq,
                                                      std::vector<ReceivedMessage> batch) {
    auto self = shared_from_this();
    if (pq->dropped || state_ != State::running) co_return;
    prepare_for_listener(batch);
    ConsumeContext context;
    context.queue = queue;
    context.queue.topic = instance_->unwrap_namespace(queue.topic);
    ConsumeTrace trace(trace_.get(), instance_->unwrap_namespace(group_), batch);
    bool threw = false;
    const auto status = co_await call_listener(batch, context, &threw);
    const bool consumed = status == ConsumeResult::success;
    trace.finish(consumed, consume_return(consumed, threw));
    pq->last_consume_time = ProcessQueue::Clock::now();
    if (pq->dropped) co_return;  // the queue moved to another consumer meanwhile

    int ack_index = status == ConsumeResult::success
                        ? std::min<int>(context.ack_index, static_cast<int>(batch.size()) - 1)
                        : -1;
    std::vector<ReceivedMessage> retry_here;
    for (int i = ack_index + 1; i < static_cast<int>(batch.size()); ++i) {
        auto& m = batch[static_cast<size_t>(i)];
        if (!clustering()) {
            rmq::log::warn("client",
                           "BROADCASTING: message " + m.msg_id + " failed and is not retried");
            continue;
        }
        auto back = co_await send_back(*instance_, m, group_, context.delay_level_when_next_consume,
                                       max_reconsume_times());
        if (!back) {
            rmq::log::warn("client", "send-back failed, retrying " + m.msg_id
                                         + " here: " + back.error().message());
            ++m.reconsume_times;
            retry_here.push_back(m);
        }
    }
    std::vector<int64_t> done;
    for (const auto& m : batch) {
        const bool kept = std::any_of(retry_here.begin(), retry_here.end(), [&](const auto& r) {
            return r.queue_offset == m.queue_offset;
        });
        if (!kept) done.push_back(m.queue_offset);
    }
    const auto offset = pq->remove(done);
    if (offset >= 0 && !pq->dropped) offsets_->update(queue, offset, true);
    if (!retry_here.empty()) {
        co_await sleep(kLocalRetryDelay);
        if (!pq->dropped && state_ == State::running)
            co_await consume_batch(queue, pq, std::move(retry_here));
    }
}

asio::awaitable<OrderlyResult> PushConsumerImpl::call_orderly_listener(
    std::vector<ReceivedMessage>& batch, OrderlyContext& context, bool* threw) {
    ++consuming_;
    OrderlyResult result = OrderlyResult::suspend_current_queue_a_moment;
    try {
        if (auto* async = std::get_if<AsyncOrderlyListener>(&listener_)) {
            result = co_await (*async)(std::span<const ReceivedMessage>(batch), context);
        } else {
            auto& blocking = std::get<OrderlyListener>(listener_);
            result = co_await asio::co_spawn(
                *pool_,
                [&]() -> asio::awaitable<OrderlyResult> {
                    co_return blocking(std::span<const ReceivedMessage>(batch), context);
                },
                asio::use_awaitable);
        }
    } catch (const std::exception& e) {
        rmq::log::warn("client",
                       "the orderly listener of " + group_
                           + " threw (treated as SUSPEND_CURRENT_QUEUE_A_MOMENT): " + e.what());
        result = OrderlyResult::suspend_current_queue_a_moment;
        if (threw) *threw = true;
    }
    --consuming_;
    if (consuming_ == 0) idle_.cancel();
    co_return result;
}

asio::awaitable<void> PushConsumerImpl::consume_orderly(MessageQueue queue, QueuePtr pq) {
    auto self = shared_from_this();
    const size_t batch_size = static_cast<size_t>(options_.consume_message_batch_max_size);
    while (!pq->dropped && state_ == State::running) {
        if (clustering() && (!pq->locked || pq->lock_expired())) {
            // Not ours for now: the lock renewal or the next rebalance decides.
            co_await sleep(std::chrono::milliseconds(100));
            continue;
        }
        auto batch = pq->take(batch_size);
        if (batch.empty()) break;
        auto for_listener = batch;
        prepare_for_listener(for_listener);
        OrderlyContext context;
        context.queue = queue;
        context.queue.topic = instance_->unwrap_namespace(queue.topic);
        ConsumeTrace trace(trace_.get(), instance_->unwrap_namespace(group_), for_listener);
        bool threw = false;
        const auto status = co_await call_orderly_listener(for_listener, context, &threw);
        const bool consumed = status == OrderlyResult::success;
        trace.finish(consumed, consume_return(consumed, threw));
        pq->last_consume_time = ProcessQueue::Clock::now();
        if (pq->dropped) break;
        if (status == OrderlyResult::success) {
            const auto offset = pq->commit();
            if (offset >= 0) offsets_->update(queue, offset, false);
            continue;
        }
        // Suspend: messages past their reconsume limit go to the dead-letter queue, the rest
        // are consumed again after the pause.
        std::vector<ReceivedMessage> again;
        bool all_dead = true;
        for (auto& m : batch) {
            if (m.reconsume_times >= max_reconsume_times()) {
                auto back = co_await send_back(*instance_, m, group_, -1, max_reconsume_times());
                if (back) continue;
            }
            all_dead = false;
            ++m.reconsume_times;
            again.push_back(std::move(m));
        }
        if (all_dead) {
            const auto offset = pq->commit();
            if (offset >= 0) offsets_->update(queue, offset, false);
            continue;
        }
        pq->give_back(std::move(again));
        co_await sleep(context.suspend_time.count() > 0 ? context.suspend_time
                                                        : options_.suspend_current_queue_time);
    }
    pq->consuming = false;
}

asio::awaitable<rmq::body::ConsumeMessageDirectlyResult> PushConsumerImpl::consume_directly(
    ReceivedMessage message) {
    rmq::body::ConsumeMessageDirectlyResult result;
    result.order = orderly();
    result.auto_commit = true;
    std::vector<ReceivedMessage> batch{std::move(message)};
    prepare_for_listener(batch);
    const auto started = std::chrono::steady_clock::now();
    if (orderly()) {
        OrderlyContext context;
        context.queue = {batch[0].topic, batch[0].broker_name, batch[0].queue_id};
        const auto status = co_await call_orderly_listener(batch, context);
        result.consume_result = status == OrderlyResult::success ? rmq::body::CMResult::cr_success
                                                                 : rmq::body::CMResult::cr_later;
    } else {
        ConsumeContext context;
        context.queue = {batch[0].topic, batch[0].broker_name, batch[0].queue_id};
        const auto status = co_await call_listener(batch, context);
        result.consume_result = status == ConsumeResult::success ? rmq::body::CMResult::cr_success
                                                                 : rmq::body::CMResult::cr_later;
    }
    result.spent_time_mills = std::chrono::duration_cast<std::chrono::milliseconds>(
                                  std::chrono::steady_clock::now() - started)
                                  .count();
    co_return result;
}

}  // namespace rocketmq::detail
