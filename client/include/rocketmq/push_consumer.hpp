#pragma once
// The push consumer: subscribe, set a listener, start. Queues are balanced among the group's
// consumers (clustering) or all read by each (broadcasting); each held queue is pulled by its
// own coroutine with long polling, and messages reach the listener in batches of
// consume_message_batch_max_size.
//
// A listener is either a coroutine (runs on the client's executor; it must not block) or a
// plain function (runs on a pool of consume_thread_max threads that the consumer starts).
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <functional>
#include <memory>
#include <span>
#include <string>

#include "rocketmq/message.hpp"
#include "rocketmq/options.hpp"
#include "rocketmq/result.hpp"

namespace rocketmq {

namespace asio = boost::asio;

/// How a subscription filters: by tags ("TagA || TagB", "*" for all) or by a SQL92 expression
/// over the message's properties (brokers need enablePropertyFilter=true).
struct MessageSelector {
    std::string type = "TAG";  // "TAG" or "SQL92"
    std::string expression = "*";

    static MessageSelector by_tag(std::string expression) { return {"TAG", std::move(expression)}; }
    static MessageSelector by_sql(std::string expression) {
        return {"SQL92", std::move(expression)};
    }
};

/// ConsumeConcurrentlyStatus.
enum class ConsumeResult { success, reconsume_later };
/// ConsumeOrderlyStatus.
enum class OrderlyResult { success, suspend_current_queue_a_moment };

struct ConsumeContext {
    MessageQueue queue;
    /// delayLevelWhenNextConsume: 0 = the broker's rule (3 + reconsume times), -1 = straight
    /// to the dead-letter queue, > 0 = that delay level.
    int delay_level_when_next_consume = 0;
    /// ackIndex: with success, messages after this index are still sent back for a retry.
    int ack_index = 0x7fffffff;
};

struct OrderlyContext {
    MessageQueue queue;
    /// How long to suspend the queue after suspend_current_queue_a_moment; 0 = the option.
    std::chrono::milliseconds suspend_time{0};
};

using MessageListener =
    std::function<ConsumeResult(std::span<const ReceivedMessage>, ConsumeContext&)>;
using AsyncMessageListener = std::function<asio::awaitable<ConsumeResult>(
    std::span<const ReceivedMessage>, ConsumeContext&)>;
using OrderlyListener =
    std::function<OrderlyResult(std::span<const ReceivedMessage>, OrderlyContext&)>;
using AsyncOrderlyListener = std::function<asio::awaitable<OrderlyResult>(
    std::span<const ReceivedMessage>, OrderlyContext&)>;

namespace detail {
class PushConsumerImpl;
}

class PushConsumer {
  public:
    /// Runs on `executor` (an io_context run by one thread), which must outlive the consumer.
    PushConsumer(asio::any_io_executor executor, PushConsumerOptions options,
                 ClientOptions client = {});
    /// Owns one io_context and its thread.
    explicit PushConsumer(PushConsumerOptions options, ClientOptions client = {});
    ~PushConsumer();
    PushConsumer(const PushConsumer&) = delete;
    PushConsumer& operator=(const PushConsumer&) = delete;

    /// Before start(): another subscribe to the same topic replaces the expression.
    Result<void> subscribe(std::string topic, std::string tag_expression = "*");
    Result<void> subscribe(std::string topic, MessageSelector selector);

    // Exactly one listener, set before start(). An exception thrown by a listener counts as
    // reconsume_later / suspend_current_queue_a_moment and is logged.
    void set_listener(MessageListener listener);
    void set_listener(AsyncMessageListener listener);
    /// Orderly: one batch at a time per queue, in queue order; in clustering mode only while
    /// this consumer holds the broker's lock on the queue (LOCK_BATCH_MQ, renewed every 20 s).
    void set_orderly_listener(OrderlyListener listener);
    void set_orderly_listener(AsyncOrderlyListener listener);

    /// Registers with the brokers and starts pulling. Fails on bad options, a missing listener,
    /// or a subscription the broker refuses (CHECK_CLIENT_CONFIG, e.g. SQL92 without
    /// enablePropertyFilter).
    asio::awaitable<Result<void>> start();
    Result<void> start_blocking();
    /// Stops pulling, waits for listeners in progress (up to 10 s), persists offsets, unlocks
    /// orderly queues and unregisters.
    asio::awaitable<void> shutdown();
    void shutdown_blocking();

    /// Pauses and resumes pulling (messages already fetched are still consumed).
    void suspend();
    void resume();

    const PushConsumerOptions& options() const;
    const std::string& client_id() const;
    /// The queues this consumer holds now (after the last rebalance).
    asio::awaitable<std::vector<MessageQueue>> assigned_queues();

  private:
    std::shared_ptr<detail::PushConsumerImpl> impl_;
};

}  // namespace rocketmq
