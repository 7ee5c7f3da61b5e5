#pragma once
// The push consumer's state, on the client's executor: subscriptions, held queues and their
// pull coroutines, the offset store, and the consume paths (concurrent and orderly).
#include <atomic>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <map>
#include <memory>
#include <set>
#include <variant>

#include "consumer/broker_calls.hpp"
#include "consumer/offset_store.hpp"
#include "consumer/process_queue.hpp"
#include "core/async_semaphore.hpp"
#include "core/client_instance.hpp"
#include "core/executor_host.hpp"
#include "core/services.hpp"
#include "rocketmq/push_consumer.hpp"
#include "trace/trace_dispatcher.hpp"

namespace rocketmq::detail {

using Listener = std::variant<std::monostate, MessageListener, AsyncMessageListener,
                              OrderlyListener, AsyncOrderlyListener>;

class PushConsumerImpl : public ConsumerMember,
                         public std::enable_shared_from_this<PushConsumerImpl> {
  public:
    PushConsumerImpl(std::unique_ptr<ExecutorHost> host, PushConsumerOptions options,
                     ClientOptions client);
    ~PushConsumerImpl() override;

    Result<void> subscribe(std::string topic, MessageSelector selector);
    void set_listener(Listener listener) { listener_ = std::move(listener); }
    asio::awaitable<Result<void>> start();
    asio::awaitable<void> shutdown();
    /// Stops an owned executor's thread and hands the executor over: the caller destroys
    /// this object first and the executor after it (its io objects live in the executor).
    std::unique_ptr<ExecutorHost> release_host();
    bool owns_executor() const { return host_ && host_->owned(); }
    asio::io_context::executor_type executor() const { return context_.get_executor(); }
    void set_paused(bool paused) { paused_ = paused; }
    std::vector<MessageQueue> assigned() const;
    const PushConsumerOptions& options() const { return options_; }
    const std::string& client_id() const { return client_id_; }

    // ConsumerMember
    std::string group() const override { return group_; }
    rmq::body::ConsumerData consumer_data() const override;
    std::vector<std::string> topics() const override;
    asio::awaitable<void> rebalance() override;
    asio::awaitable<void> persist_offsets() override;
    void reset_offsets(const std::string& topic,
                       const std::map<MessageQueue, int64_t>& offsets) override;
    std::map<MessageQueue, int64_t> offsets(const std::string& topic) override;
    rmq::body::ConsumerRunningInfo running_info() override;
    asio::awaitable<rmq::body::ConsumeMessageDirectlyResult> consume_directly(
        ReceivedMessage message) override;

  private:
    using QueuePtr = std::shared_ptr<ProcessQueue>;

    bool orderly() const {
        return std::holds_alternative<OrderlyListener>(listener_)
               || std::holds_alternative<AsyncOrderlyListener>(listener_);
    }
    bool clustering() const { return options_.message_model == MessageModel::clustering; }
    int max_reconsume_times() const;
    asio::awaitable<void> sleep(std::chrono::milliseconds duration);

    // rebalance.cpp
    asio::awaitable<void> rebalance_topic(const std::string& topic);
    asio::awaitable<bool> update_queues(const std::string& topic,
                                        const std::set<MessageQueue>& allocated);
    asio::awaitable<Result<int64_t>> pull_start_offset(const MessageQueue& queue);
    asio::awaitable<void> drop_queue(const MessageQueue& queue, const QueuePtr& pq);
    asio::awaitable<bool> lock(const MessageQueue& queue);
    asio::awaitable<void> renew_locks();

    // pull_loop.cpp
    asio::awaitable<void> pull_loop(MessageQueue queue, QueuePtr pq);
    asio::awaitable<bool> flow_controlled(const MessageQueue& queue, const ProcessQueue& pq);

    // consume.cpp
    void dispatch(const MessageQueue& queue, const QueuePtr& pq,
                  std::vector<ReceivedMessage> messages);
    asio::awaitable<void> consume_batch(MessageQueue queue, QueuePtr pq,
                                        std::vector<ReceivedMessage> batch);
    asio::awaitable<void> consume_orderly(MessageQueue queue, QueuePtr pq);
    /// `threw` (when given) is set when the listener threw rather than answered.
    asio::awaitable<ConsumeResult> call_listener(std::vector<ReceivedMessage>& batch,
                                                 ConsumeContext& context, bool* threw = nullptr);
    asio::awaitable<OrderlyResult> call_orderly_listener(std::vector<ReceivedMessage>& batch,
                                                         OrderlyContext& context,
                                                         bool* threw = nullptr);
    void prepare_for_listener(std::vector<ReceivedMessage>& batch) const;

    std::unique_ptr<ExecutorHost> host_;
    asio::io_context& context_;
    PushConsumerOptions options_;
    ClientOptions client_options_;
    std::string client_id_;
    std::string group_;
    std::shared_ptr<ClientInstance> instance_;
    Listener listener_;
    enum class State { created, running, stopped } state_ = State::created;
    std::atomic<bool> paused_{false};

    std::map<std::string, MessageSelector> requested_;  // before start, by user topic
    std::map<std::string, rmq::body::SubscriptionData> subscriptions_;  // by wrapped topic
    std::map<MessageQueue, QueuePtr> queues_;
    std::map<MessageQueue, int64_t> pull_broker_id_;
    std::map<MessageQueue, int64_t> reset_to_;  // offsets pushed by RESET_CONSUMER_CLIENT_OFFSET
    std::unique_ptr<OffsetStore> offsets_;
    std::unique_ptr<asio::thread_pool> pool_;
    std::unique_ptr<AsyncSemaphore> listener_slots_;
    std::unique_ptr<Services> services_;
    std::shared_ptr<TraceDispatcher> trace_;  // with enable_msg_trace
    int64_t start_timestamp_ = 0;
    size_t consuming_ = 0;  // listener calls in progress
    asio::steady_timer idle_;
};

}  // namespace rocketmq::detail
