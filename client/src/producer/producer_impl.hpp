#pragma once
// The producer's state and send paths, on the client's executor.
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <memory>
#include <set>
#include <string>
#include <variant>

#include "core/client_instance.hpp"
#include "core/executor_host.hpp"
#include "producer/fault_strategy.hpp"
#include "producer/outgoing.hpp"
#include "rocketmq/producer.hpp"
#include "rocketmq/transaction_producer.hpp"
#include "trace/trace_dispatcher.hpp"
#include "trace/trace_hooks.hpp"

namespace rocketmq::detail {

enum class SendMode { sync, async, oneway };

/// Where a send goes: any queue (retried elsewhere on failure), a given queue, or the queue a
/// selector picks.
using SendTarget = std::variant<std::monostate, MessageQueue, MessageQueueSelector>;

class ProducerImpl : public ProducerMember, public std::enable_shared_from_this<ProducerImpl> {
  public:
    ProducerImpl(std::unique_ptr<ExecutorHost> host, ProducerOptions options, ClientOptions client);
    ~ProducerImpl() override;

    Result<void> start();
    asio::awaitable<void> shutdown();
    /// Stops an owned executor's thread and hands the executor over: the caller destroys
    /// this object first and the executor after it (its io objects live in the executor).
    std::unique_ptr<ExecutorHost> release_host();

    asio::awaitable<Result<SendResult>> send(Message message, SendTarget target, SendMode mode);
    asio::awaitable<Result<SendResult>> send_batch(std::vector<Message> messages,
                                                   SendTarget target);
    asio::awaitable<Result<std::vector<MessageQueue>>> publish_queues(std::string topic);
    /// Request/reply: the send, then the wait for the reply (request.cpp).
    asio::awaitable<Result<ReceivedMessage>> request(Message message,
                                                     std::chrono::milliseconds timeout);

    std::string group() const override { return group_; }
    std::vector<std::string> topics() const override;
    void check_transaction(const std::string& broker_addr,
                           const rmq::proto::CheckTransactionStateRequestHeader& header,
                           ReceivedMessage message) override;
    /// Makes this a transactional producer: checks run `checker` on a thread of their own.
    void set_transaction_checker(TransactionChecker checker);
    asio::awaitable<Result<TransactionSendResult>> send_in_transaction(
        Message message, LocalTransactionExecutor local);

    const ProducerOptions& options() const { return options_; }
    const std::string& client_id() const { return instance_->client_id(); }
    asio::io_context::executor_type executor() const { return context_.get_executor(); }
    bool owns_executor() const { return host_ && host_->owned(); }
    ClientInstance& instance() { return *instance_; }

  private:
    Result<void> check_running() const;
    asio::awaitable<Result<std::shared_ptr<const TopicRoute>>> publish_route(
        const std::string& topic);
    asio::awaitable<Result<SendResult>> send_out(Outgoing out, SendTarget target, SendMode mode,
                                                 const Message& for_selector);
    asio::awaitable<Result<SendResult>> send_retrying(
        const Outgoing& out, const std::shared_ptr<const TopicRoute>& route, SendMode mode);
    asio::awaitable<Result<SendResult>> send_to_queue(const Outgoing& out,
                                                      const MessageQueue& queue, SendMode mode,
                                                      std::chrono::milliseconds timeout);
    void finish_result(SendResult& result) const;
    void trace_end_transaction(const Message& message, EndedTransaction ended);

    std::unique_ptr<ExecutorHost> host_;
    asio::io_context& context_;
    ProducerOptions options_;
    ClientOptions client_options_;
    std::string group_;
    std::shared_ptr<ClientInstance> instance_;
    enum class State { created, running, stopped } state_ = State::created;
    FaultStrategy fault_;
    std::set<std::string> topics_;  // on the executor
    size_t in_flight_ = 0;
    asio::steady_timer drained_;  // cancelled when in_flight_ drops to 0 during shutdown
    TransactionChecker checker_;
    std::unique_ptr<asio::thread_pool> check_pool_;
    std::shared_ptr<TraceDispatcher> trace_;  // with enable_msg_trace
};

}  // namespace rocketmq::detail
