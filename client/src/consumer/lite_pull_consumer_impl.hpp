#pragma once
// The lite pull consumer's state on the client's executor: assigned queues with their pull
// coroutines, the messages fetched ahead for poll(), and the offsets of what poll() returned.
#include <boost/asio/steady_timer.hpp>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <set>

#include "consumer/offset_store.hpp"
#include "core/client_instance.hpp"
#include "core/executor_host.hpp"
#include "core/services.hpp"
#include "rocketmq/lite_pull_consumer.hpp"
#include "trace/trace_dispatcher.hpp"

namespace rocketmq::detail {

class LitePullConsumerImpl : public ConsumerMember,
                             public std::enable_shared_from_this<LitePullConsumerImpl> {
  public:
    LitePullConsumerImpl(std::unique_ptr<ExecutorHost> host, LitePullConsumerOptions options,
                         ClientOptions client);
    ~LitePullConsumerImpl() override;

    Result<void> subscribe(std::string topic, MessageSelector selector);
    /// From any thread: before start() it only records the queues.
    Result<void> assign(std::vector<MessageQueue> queues);
    asio::awaitable<Result<void>> start();
    asio::awaitable<void> shutdown();
    /// Stops an owned executor's thread and hands the executor over: the caller destroys
    /// this object first and the executor after it (its io objects live in the executor).
    std::unique_ptr<ExecutorHost> release_host();
    bool owns_executor() const { return host_ && host_->owned(); }
    asio::io_context::executor_type executor() const { return context_.get_executor(); }
    const std::string& client_id() const { return client_id_; }

    asio::awaitable<std::vector<ReceivedMessage>> poll(std::chrono::milliseconds timeout);
    asio::awaitable<Result<void>> seek(MessageQueue queue, int64_t offset);
    enum class End { begin, end };
    asio::awaitable<Result<void>> seek_to(MessageQueue queue, End end);
    asio::awaitable<Result<void>> commit_sync();
    asio::awaitable<Result<int64_t>> committed(MessageQueue queue);
    void set_paused(const std::vector<MessageQueue>& queues, bool paused);
    asio::awaitable<Result<std::vector<MessageQueue>>> fetch_queues(std::string topic);
    asio::awaitable<Result<PullResult>> pull_once(MessageQueue queue, std::string expression,
                                                  int64_t offset, int max_messages);

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
    struct QueueState {
        int64_t next_offset = 0;
        int64_t consumed = -1;  // one past the last message poll() returned
        uint64_t generation = 0;
        size_t cached = 0;
        bool paused = false;
        bool dropped = false;
    };
    struct Fetched {
        MessageQueue queue;
        uint64_t generation = 0;
        std::vector<ReceivedMessage> messages;
    };
    using StatePtr = std::shared_ptr<QueueState>;

    Result<void> check_running() const;
    asio::awaitable<void> take_queues(const std::set<MessageQueue>& wanted,
                                      const std::string& topic_or_empty);
    asio::awaitable<void> pull_loop(MessageQueue queue, StatePtr state);
    void restart_queue(const MessageQueue& queue, int64_t offset, std::optional<int64_t> consumed);
    asio::awaitable<void> sleep(std::chrono::milliseconds duration);
    std::string wrap(const std::string& name) const;

    std::unique_ptr<ExecutorHost> host_;
    asio::io_context& context_;
    LitePullConsumerOptions options_;
    ClientOptions client_options_;
    std::string client_id_;
    std::string group_;
    std::shared_ptr<ClientInstance> instance_;
    enum class State { created, running, stopped } state_ = State::created;
    bool assigned_mode_ = false;
    std::map<std::string, MessageSelector> requested_;
    std::map<std::string, rmq::body::SubscriptionData> subscriptions_;
    std::map<MessageQueue, StatePtr> queues_;
    std::set<MessageQueue> pending_assign_;
    std::deque<Fetched> ready_;
    asio::steady_timer arrived_;  // cancelled when ready_ gets a batch
    std::unique_ptr<OffsetStore> offsets_;
    std::unique_ptr<Services> services_;
    std::shared_ptr<TraceDispatcher> trace_;  // with enable_msg_trace
};

}  // namespace rocketmq::detail
