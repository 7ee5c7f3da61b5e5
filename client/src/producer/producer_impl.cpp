#include "producer/producer_impl.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_future.hpp>

#include "common/log.hpp"
#include "common/wall_clock.hpp"
#include "core/errors.hpp"
#include "core/guarded.hpp"
#include "proto/flags.hpp"
#include "proto/response_code.hpp"

namespace rocketmq::detail {

namespace proto = rmq::proto;
using proto::ResponseCode;
using Clock = std::chrono::steady_clock;

namespace {

/// The refusals after which Java's producer tries again (another broker when there is one).
bool retryable(const Error& e) {
    if (e.kind == ErrorKind::timeout || e.kind == ErrorKind::network) return true;
    if (e.kind != ErrorKind::broker_refused) return false;
    switch (e.response_code) {
        case proto::to_int(ResponseCode::TOPIC_NOT_EXIST):
        case proto::to_int(ResponseCode::SERVICE_NOT_AVAILABLE):
        case proto::to_int(ResponseCode::SYSTEM_ERROR):
        case proto::to_int(ResponseCode::NO_PERMISSION):
        case proto::to_int(ResponseCode::NO_BUYER_ID):
        case proto::to_int(ResponseCode::NOT_IN_CURRENT_UNIT):
            return true;
        default:
            return false;
    }
}

}  // namespace

ProducerImpl::ProducerImpl(std::unique_ptr<ExecutorHost> host, ProducerOptions options,
                           ClientOptions client)
    : host_(std::move(host)),
      context_(host_->context()),
      options_(std::move(options)),
      client_options_(std::move(client)),
      fault_(options_),
      drained_(context_) {
}

ProducerImpl::~ProducerImpl() {
    if (check_pool_) check_pool_->join();
}

Result<void> ProducerImpl::start() {
    if (state_ != State::created)
        return make_error(ErrorKind::invalid_state,
                          "the producer was already started; create a new one");
    if (options_.group.empty())
        return make_error(ErrorKind::invalid_argument, "the producer group is empty");
    if (options_.send_msg_timeout.count() <= 0 || options_.retry_times_when_send_failed < 0)
        return make_error(ErrorKind::invalid_argument,
                          "send_msg_timeout must be positive and retry counts not negative");
    instance_ = ClientInstance::acquire(context_, client_options_);
    group_ = instance_->wrap_namespace(options_.group);
    auto trace =
        start_trace_dispatcher(options_.enable_msg_trace, context_, client_options_, options_.group,
                               TraceDispatcher::Role::produce, options_.trace_topic);
    if (!trace) return trace.error();
    trace_ = std::move(*trace);
    if (auto added = instance_->add_producer(shared_from_this()); !added) return added;
    state_ = State::running;
    return {};
}

asio::awaitable<void> ProducerImpl::shutdown() {
    if (state_ != State::running) co_return;
    state_ = State::stopped;
    if (in_flight_ > 0) {
        drained_.expires_after(options_.send_msg_timeout);
        co_await drained_.async_wait(asio::as_tuple(asio::use_awaitable));
    }
    if (trace_) co_await trace_->shutdown();
    co_await instance_->unregister(group_, {});
    instance_->remove_producer(group_);
}

std::unique_ptr<ExecutorHost> ProducerImpl::release_host() {
    // The instance closes its connections on their own thread.
    if (host_)
        host_->stop_after([this] {
            trace_.reset();
            instance_.reset();
        });
    return std::move(host_);
}

Result<void> ProducerImpl::check_running() const {
    if (state_ == State::running) return {};
    return make_error(ErrorKind::invalid_state, state_ == State::created
                                                    ? "the producer is not started"
                                                    : "the producer is shut down");
}

std::vector<std::string> ProducerImpl::topics() const {
    return {topics_.begin(), topics_.end()};
}

// ---- routes ---------------------------------------------------------------------------------

asio::awaitable<Result<std::shared_ptr<const TopicRoute>>> ProducerImpl::publish_route(
    const std::string& topic) {
    topics_.insert(topic);
    if (auto cached = instance_->cached_route(topic); cached && !cached->publish_queues.empty())
        co_return cached;
    auto fresh = co_await instance_->refresh_route(topic);
    if (fresh || fresh.error().kind != ErrorKind::no_route) co_return fresh;
    // No route yet: send through the default topic's, so that a broker with
    // autoCreateTopicEnable creates the topic.
    auto via_default = co_await instance_->default_route(topic, options_.create_topic_key,
                                                         options_.default_topic_queue_nums);
    if (via_default) co_return via_default;
    auto e = fresh.error();
    e.reason = "no route info of topic " + topic + ", and none of the default topic "
               + options_.create_topic_key + " to create it through (" + via_default.error().reason
               + ")";
    co_return e;
}

asio::awaitable<Result<std::vector<MessageQueue>>> ProducerImpl::publish_queues(std::string topic) {
    if (auto running = check_running(); !running) co_return running.error();
    auto route = co_await publish_route(instance_->wrap_namespace(topic));
    if (!route) co_return route.error();
    auto queues = (*route)->publish_queues;
    for (auto& q : queues)
        q.topic = instance_->unwrap_namespace(q.topic);
    co_return queues;
}

// ---- sends ----------------------------------------------------------------------------------

asio::awaitable<Result<SendResult>> ProducerImpl::send(Message message, SendTarget target,
                                                       SendMode mode) {
    if (auto running = check_running(); !running) co_return running.error();
    if (auto valid = check_message(message, options_); !valid) co_return valid.error();
    const auto topic = instance_->wrap_namespace(message.topic);
    auto out = prepare_single(message, topic, options_);
    co_return co_await send_out(std::move(out), std::move(target), mode, message);
}

asio::awaitable<Result<SendResult>> ProducerImpl::send_batch(std::vector<Message> messages,
                                                             SendTarget target) {
    if (auto running = check_running(); !running) co_return running.error();
    if (messages.empty())
        co_return make_error(ErrorKind::invalid_argument, "a batch needs at least one message");
    const auto topic = instance_->wrap_namespace(messages.front().topic);
    auto out = prepare_batch(messages, topic, options_);
    if (!out) co_return out.error();
    co_return co_await send_out(std::move(*out), std::move(target), SendMode::sync,
                                messages.front());
}

asio::awaitable<Result<SendResult>> ProducerImpl::send_out(Outgoing out, SendTarget target,
                                                           SendMode mode,
                                                           const Message& for_selector) {
    ++in_flight_;
    struct Done {
        ProducerImpl& p;
        ~Done() {
            if (--p.in_flight_ == 0 && p.state_ == State::stopped) p.drained_.cancel();
        }
    } done{*this};

    const auto started = Clock::now();
    auto route = co_await publish_route(out.topic);
    if (!route) co_return route.error();
    const auto& queues = (*route)->publish_queues;
    if (queues.empty())
        co_return make_error(ErrorKind::no_route,
                             "topic " + out.topic + " has no writable queue on a live master");

    Result<SendResult> result = make_error(ErrorKind::invalid_state, "not sent");
    if (std::holds_alternative<std::monostate>(target)) {
        result = co_await send_retrying(out, *route, mode);
    } else {
        MessageQueue queue;
        if (auto* fixed = std::get_if<MessageQueue>(&target)) {
            queue = *fixed;
            queue.topic = out.topic;
        } else {
            std::vector<MessageQueue> visible = queues;
            for (auto& q : visible)
                q.topic = instance_->unwrap_namespace(q.topic);
            queue = std::get<MessageQueueSelector>(target)(visible, for_selector);
            queue.topic = out.topic;
        }
        const auto spent =
            std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started);
        if (spent >= options_.send_msg_timeout)
            co_return make_error(ErrorKind::timeout, "send to " + out.topic + " timed out");
        result = co_await send_to_queue(out, queue, mode, options_.send_msg_timeout - spent);
    }
    if (result) finish_result(*result);
    co_return result;
}

asio::awaitable<Result<SendResult>> ProducerImpl::send_retrying(
    const Outgoing& out, const std::shared_ptr<const TopicRoute>& route, SendMode mode) {
    const auto started = Clock::now();
    const int attempts = mode == SendMode::sync    ? 1 + options_.retry_times_when_send_failed
                         : mode == SendMode::async ? 1 + options_.retry_times_when_send_async_failed
                                                   : 1;
    std::string last_broker;
    std::string brokers_sent;
    std::optional<Error> last_error;
    int attempt = 0;
    for (; attempt < attempts; ++attempt) {
        const bool stop = co_await cancelled();
        if (stop)
            co_return make_error(ErrorKind::cancelled, "send to " + out.topic + " was cancelled");
        const auto spent =
            std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started);
        if (spent >= options_.send_msg_timeout) break;
        auto queue = fault_.select(route->publish_queues, last_broker);
        last_broker = queue.broker_name;
        brokers_sent += (brokers_sent.empty() ? "" : ", ") + queue.broker_name;
        const auto attempt_started = Clock::now();
        auto result = co_await send_to_queue(out, queue, mode, options_.send_msg_timeout - spent);
        const auto latency =
            std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - attempt_started);
        fault_.record(queue.broker_name, latency, !result);
        if (result) {
            if (mode == SendMode::sync && result->status != SendStatus::send_ok
                && options_.retry_another_broker_when_not_store_ok && attempt + 1 < attempts)
                continue;
            co_return result;
        }
        if (!retryable(result.error())) co_return result;
        rmq::log::debug("client", "send attempt " + std::to_string(attempt + 1)
                                      + " failed: " + result.error().message());
        last_error = result.error();
    }
    const auto spent =
        std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started).count();
    Error e = last_error ? *last_error : make_error(ErrorKind::timeout, "");
    if (spent >= options_.send_msg_timeout.count()) e.kind = ErrorKind::timeout;
    e.reason = "send [" + std::to_string(attempt) + "] times, still failed, cost ["
               + std::to_string(spent) + "]ms, topic: " + out.topic + ", brokers sent: ["
               + brokers_sent + "]" + (last_error ? "; last: " + last_error->reason : "");
    co_return e;
}

asio::awaitable<Result<SendResult>> ProducerImpl::send_to_queue(const Outgoing& out,
                                                                const MessageQueue& queue,
                                                                SendMode mode,
                                                                std::chrono::milliseconds timeout) {
    const int64_t started_ms = trace_ ? rmq::common::epoch_millis() : 0;
    auto addr = instance_->master_address(queue.broker_name);
    if (addr.empty()) {
        (void)co_await instance_->refresh_route(out.topic);
        addr = instance_->master_address(queue.broker_name);
    }
    if (addr.empty())
        co_return make_error(ErrorKind::no_route, "the broker " + queue.broker_name + " of topic "
                                                      + out.topic + " has no master in the route");
    auto request = send_request(out, queue, options_, client_options_.unit_mode);
    const std::string what = "send to " + out.topic;
    if (mode == SendMode::oneway) {
        auto sent = co_await instance_->call_oneway(addr, std::move(request), timeout, what);
        if (!sent) co_return sent.error();
        SendResult result;
        result.msg_id = out.msg_id;
        result.queue = queue;
        co_return result;
    }
    auto response = co_await instance_->call(addr, std::move(request), timeout, what);
    if (!response) co_return response.error();
    auto result = send_result(*response, out, queue, addr);
    // The trace producer's own messages are not traced; neither are one-way sends, which have
    // no answer to trace.
    if (trace_ && result && !out.topic.starts_with(trace_->topic())) {
        auto pub = pub_record(out, instance_->unwrap_namespace(out.topic),
                              instance_->unwrap_namespace(group_), addr, *result, started_ms);
        if (pub) trace_->append(*pub);
    }
    co_return result;
}

void ProducerImpl::finish_result(SendResult& result) const {
    result.queue.topic = instance_->unwrap_namespace(result.queue.topic);
}

void ProducerImpl::trace_end_transaction(const Message& message, EndedTransaction ended) {
    if (!trace_ || ended.topic.starts_with(trace_->topic())) return;
    ended.topic = instance_->unwrap_namespace(ended.topic);
    ended.group = instance_->unwrap_namespace(group_);
    trace_->append(end_transaction_record(message, ended));
}

}  // namespace rocketmq::detail
