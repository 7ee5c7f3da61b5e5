#include "consumer/lite_pull_consumer_impl.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/use_future.hpp>

#include "common/log.hpp"
#include "consumer/broker_calls.hpp"
#include "consumer/shared_steps.hpp"
#include "core/errors.hpp"
#include "core/message_codec.hpp"
#include "trace/trace_hooks.hpp"

namespace rocketmq::detail {

namespace body = rmq::body;

LitePullConsumerImpl::LitePullConsumerImpl(std::unique_ptr<ExecutorHost> host,
                                           LitePullConsumerOptions options, ClientOptions client)
    : host_(std::move(host)),
      context_(host_->context()),
      options_(std::move(options)),
      client_options_(std::move(client)),
      arrived_(context_, asio::steady_timer::time_point::max()) {
}

LitePullConsumerImpl::~LitePullConsumerImpl() = default;

std::string LitePullConsumerImpl::wrap(const std::string& name) const {
    return instance_ ? instance_->wrap_namespace(name) : name;
}

Result<void> LitePullConsumerImpl::check_running() const {
    if (state_ == State::running) return {};
    return make_error(ErrorKind::invalid_state, state_ == State::created
                                                    ? "the consumer is not started"
                                                    : "the consumer is shut down");
}

Result<void> LitePullConsumerImpl::subscribe(std::string topic, MessageSelector selector) {
    if (state_ != State::created)
        return make_error(ErrorKind::invalid_state, "subscribe before start()");
    if (!pending_assign_.empty() || assigned_mode_)
        return make_error(ErrorKind::invalid_state,
                          "subscribe and assign can not be mixed; this consumer uses assign");
    if (topic.empty()) return make_error(ErrorKind::invalid_argument, "the topic is empty");
    requested_[std::move(topic)] = std::move(selector);
    return {};
}

Result<void> LitePullConsumerImpl::assign(std::vector<MessageQueue> queues) {
    if (!requested_.empty())
        return make_error(ErrorKind::invalid_state,
                          "subscribe and assign can not be mixed; this consumer subscribes");
    assigned_mode_ = true;
    std::set<MessageQueue> wanted(queues.begin(), queues.end());
    if (state_ == State::created) {
        pending_assign_ = std::move(wanted);
        return {};
    }
    asio::co_spawn(
        executor(),
        [](std::shared_ptr<LitePullConsumerImpl> self,
           std::set<MessageQueue> raw) -> asio::awaitable<void> {
            std::set<MessageQueue> wrapped;
            for (auto q : raw) {
                q.topic = self->wrap(q.topic);
                if (!self->subscriptions_.contains(q.topic))
                    self->subscriptions_[q.topic] = build_subscription(q.topic, MessageSelector{});
                wrapped.insert(std::move(q));
            }
            co_await self->take_queues(wrapped, {});
        }(shared_from_this(), std::move(wanted)),
        asio::detached);
    return {};
}

asio::awaitable<Result<void>> LitePullConsumerImpl::start() {
    if (state_ != State::created)
        co_return make_error(ErrorKind::invalid_state, "the consumer was already started");
    if (options_.group.empty())
        co_return make_error(ErrorKind::invalid_argument, "the consumer group is empty");
    if (options_.pull_batch_size < 1 || options_.pull_batch_size > 1024)
        co_return make_error(ErrorKind::invalid_argument, "pull_batch_size must be in [1, 1024]");
    if (!options_.allocate_strategy) options_.allocate_strategy = allocate_averagely();
    instance_ = ClientInstance::acquire(context_, client_options_);
    client_id_ = instance_->client_id();
    group_ = instance_->wrap_namespace(options_.group);
    for (const auto& [topic, selector] : requested_) {
        const auto wrapped = wrap(topic);
        subscriptions_[wrapped] = build_subscription(wrapped, selector);
    }
    std::set<MessageQueue> assigned;
    for (auto q : pending_assign_) {
        q.topic = wrap(q.topic);
        if (!subscriptions_.contains(q.topic))
            subscriptions_[q.topic] = build_subscription(q.topic, MessageSelector{});
        assigned.insert(std::move(q));
    }
    offsets_ = options_.message_model == MessageModel::clustering
                   ? make_remote_offset_store(*instance_, group_)
                   : make_local_offset_store(*instance_, group_, {});
    (void)offsets_->load();
    for (const auto& [topic, sub] : subscriptions_) {
        auto route = co_await instance_->refresh_route(topic);
        if (route && sub.expression_type != "TAG") {
            auto checked = co_await check_client_config(*instance_, group_, sub);
            if (!checked) co_return checked.error();
        }
    }
    auto trace =
        start_trace_dispatcher(options_.enable_msg_trace, context_, client_options_, options_.group,
                               TraceDispatcher::Role::consume, options_.trace_topic);
    if (!trace) co_return trace.error();
    trace_ = std::move(*trace);
    if (auto added = instance_->add_consumer(shared_from_this()); !added) co_return added;
    state_ = State::running;
    services_ = std::make_unique<Services>(executor());
    if (options_.auto_commit) {
        auto weak = weak_from_this();
        services_->spawn_periodic("auto commit", options_.auto_commit_interval,
                                  options_.auto_commit_interval, [weak]() -> asio::awaitable<void> {
                                      if (auto self = weak.lock())
                                          (void)co_await self->commit_sync();
                                  });
    }
    co_await instance_->heartbeat_all();
    if (assigned_mode_) {
        co_await take_queues(assigned, {});
    } else {
        instance_->rebalance_soon();
    }
    co_return Result<void>{};
}

asio::awaitable<void> LitePullConsumerImpl::shutdown() {
    if (state_ != State::running) co_return;
    if (options_.auto_commit) (void)co_await commit_sync();
    state_ = State::stopped;
    services_->stop();
    for (auto& [queue, state] : queues_)
        state->dropped = true;
    arrived_.cancel();
    queues_.clear();
    if (trace_) co_await trace_->shutdown();
    co_await instance_->unregister({}, group_);
    instance_->remove_consumer(group_);
}

std::unique_ptr<ExecutorHost> LitePullConsumerImpl::release_host() {
    // The instance closes its connections on their own thread.
    if (host_)
        host_->stop_after([this] {
            trace_.reset();
            instance_.reset();
        });
    return std::move(host_);
}

asio::awaitable<void> LitePullConsumerImpl::sleep(std::chrono::milliseconds duration) {
    asio::steady_timer timer(context_, duration);
    co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
}

// ---- queues ---------------------------------------------------------------------------------

asio::awaitable<void> LitePullConsumerImpl::take_queues(const std::set<MessageQueue>& wanted,
                                                        const std::string& topic_or_empty) {
    std::vector<MessageQueue> gone;
    for (const auto& [queue, state] : queues_)
        if ((topic_or_empty.empty() || queue.topic == topic_or_empty) && !wanted.contains(queue))
            gone.push_back(queue);
    for (const auto& queue : gone) {
        auto state = queues_[queue];
        state->dropped = true;
        if (state->consumed >= 0) offsets_->update(queue, state->consumed, false);
        co_await offsets_->persist(queue);
        queues_.erase(queue);
    }
    for (const auto& queue : wanted) {
        if (queues_.contains(queue)) continue;
        auto start = co_await start_offset(*instance_, *offsets_, queue,
                                           options_.consume_from_where, options_.consume_timestamp);
        if (!start) {
            rmq::log::warn("client", "cannot start pulling " + queue.to_string() + ": "
                                         + start.error().message());
            continue;
        }
        if (state_ != State::running || queues_.contains(queue)) continue;
        auto state = std::make_shared<QueueState>();
        state->next_offset = *start;
        queues_[queue] = state;
        asio::co_spawn(executor(), pull_loop(queue, state), asio::detached);
    }
}

asio::awaitable<void> LitePullConsumerImpl::pull_loop(MessageQueue queue, StatePtr state) {
    auto self = shared_from_this();
    while (!state->dropped && state_ == State::running) {
        if (state->paused) {
            co_await sleep(std::chrono::milliseconds(1000));
            continue;
        }
        if (state->cached >= static_cast<size_t>(options_.pull_threshold_for_queue)) {
            co_await sleep(std::chrono::milliseconds(50));
            continue;
        }
        auto sub = subscriptions_.find(queue.topic);
        if (sub == subscriptions_.end()) break;
        PullSpec spec;
        spec.group = group_;
        spec.queue = queue;
        spec.offset = state->next_offset;
        spec.max_messages = options_.pull_batch_size;
        spec.suspend = options_.broker_suspend_max_time;
        spec.timeout = options_.consumer_timeout_when_suspend;
        spec.subscription = &sub->second;
        spec.lite = true;
        const auto generation = state->generation;
        auto result = co_await pull(*instance_, spec);
        if (state->dropped || state_ != State::running) break;
        if (generation != state->generation) continue;  // a seek moved the queue meanwhile
        if (!result) {
            rmq::log::warn("client", result.error().message());
            co_await sleep(options_.pull_time_delay_when_exception);
            continue;
        }
        state->next_offset = result->next_begin_offset;
        if (result->status == PullStatus::found && !result->messages.empty()) {
            state->cached += result->messages.size();
            for (auto& m : result->messages)
                m.topic = instance_->unwrap_namespace(m.topic);
            // Java's lite pull consumer traces a batch as consumed when it is fetched.
            ConsumeTrace(trace_.get(), instance_->unwrap_namespace(group_), result->messages)
                .finish(true, ConsumeReturn::success);
            ready_.push_back({queue, generation, std::move(result->messages)});
            arrived_.cancel();
        }
    }
}

void LitePullConsumerImpl::restart_queue(const MessageQueue& queue, int64_t offset,
                                         std::optional<int64_t> consumed) {
    // A pull the broker holds cannot be called back: its coroutine ends when it returns, and a
    // fresh one starts at the new offset now.
    auto old = queues_[queue];
    old->dropped = true;
    auto fresh = std::make_shared<QueueState>();
    fresh->next_offset = offset;
    fresh->consumed = consumed.value_or(old->consumed);
    fresh->generation = old->generation + 1;
    fresh->paused = old->paused;
    queues_[queue] = fresh;
    std::erase_if(ready_, [&](const Fetched& f) { return f.queue == queue; });
    asio::co_spawn(executor(), pull_loop(queue, fresh), asio::detached);
}

asio::awaitable<std::vector<ReceivedMessage>> LitePullConsumerImpl::poll(
    std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (state_ == State::running) {
        while (!ready_.empty()) {
            auto fetched = std::move(ready_.front());
            ready_.pop_front();
            auto it = queues_.find(fetched.queue);
            if (it == queues_.end() || it->second->dropped
                || it->second->generation != fetched.generation)
                continue;
            auto& state = *it->second;
            state.cached -= std::min(state.cached, fetched.messages.size());
            state.consumed = fetched.messages.back().queue_offset + 1;
            offsets_->update(fetched.queue, state.consumed, false);
            co_return std::move(fetched.messages);
        }
        if (std::chrono::steady_clock::now() >= deadline) break;
        arrived_.expires_at(deadline);
        co_await arrived_.async_wait(asio::as_tuple(asio::use_awaitable));
    }
    co_return std::vector<ReceivedMessage>{};
}

asio::awaitable<Result<void>> LitePullConsumerImpl::seek(MessageQueue queue, int64_t offset) {
    if (auto running = check_running(); !running) co_return running.error();
    queue.topic = wrap(queue.topic);
    auto it = queues_.find(queue);
    if (it == queues_.end())
        co_return make_error(ErrorKind::invalid_argument,
                             "the message queue is not in the assigned list: " + queue.to_string());
    auto min = co_await min_offset(*instance_, queue);
    if (!min) co_return min.error();
    auto max = co_await max_offset(*instance_, queue);
    if (!max) co_return max.error();
    if (offset < *min || offset > *max)
        co_return make_error(ErrorKind::invalid_argument,
                             "seek offset illegal: " + std::to_string(offset) + " is not in ["
                                 + std::to_string(*min) + ", " + std::to_string(*max) + "]");
    restart_queue(queue, offset, std::nullopt);
    co_return Result<void>{};
}

asio::awaitable<Result<void>> LitePullConsumerImpl::seek_to(MessageQueue queue, End end) {
    if (auto running = check_running(); !running) co_return running.error();
    MessageQueue wrapped = queue;
    wrapped.topic = wrap(queue.topic);
    // Each co_await its own statement (docs/pitfalls.md: not inside ?:).
    if (end == End::begin) {
        auto first = co_await min_offset(*instance_, wrapped);
        if (!first) co_return first.error();
        co_return co_await seek(std::move(queue), *first);
    }
    auto last = co_await max_offset(*instance_, wrapped);
    if (!last) co_return last.error();
    co_return co_await seek(std::move(queue), *last);
}

asio::awaitable<Result<void>> LitePullConsumerImpl::commit_sync() {
    if (auto running = check_running(); !running) co_return running.error();
    std::optional<Error> failed;
    for (const auto& [queue, state] : queues_) {
        if (state->consumed < 0) continue;
        auto committed =
            co_await commit_consumer_offset(*instance_, group_, queue, state->consumed);
        if (!committed) failed = committed.error();
    }
    if (failed) co_return *failed;
    co_return Result<void>{};
}

asio::awaitable<Result<int64_t>> LitePullConsumerImpl::committed(MessageQueue queue) {
    if (auto running = check_running(); !running) co_return running.error();
    queue.topic = wrap(queue.topic);
    co_return co_await query_consumer_offset(*instance_, group_, queue);
}

void LitePullConsumerImpl::set_paused(const std::vector<MessageQueue>& queues, bool paused) {
    for (auto q : queues) {
        q.topic = wrap(q.topic);
        if (auto it = queues_.find(q); it != queues_.end()) it->second->paused = paused;
    }
}

asio::awaitable<Result<std::vector<MessageQueue>>> LitePullConsumerImpl::fetch_queues(
    std::string topic) {
    if (!instance_) instance_ = ClientInstance::acquire(context_, client_options_);
    auto route = co_await instance_->refresh_route(wrap(topic));
    if (!route) co_return route.error();
    auto queues = (*route)->subscribe_queues;
    for (auto& q : queues)
        q.topic = instance_->unwrap_namespace(q.topic);
    co_return queues;
}

asio::awaitable<Result<PullResult>> LitePullConsumerImpl::pull_once(MessageQueue queue,
                                                                    std::string expression,
                                                                    int64_t offset,
                                                                    int max_messages) {
    if (!instance_) instance_ = ClientInstance::acquire(context_, client_options_);
    queue.topic = wrap(queue.topic);
    const auto sub = build_subscription(queue.topic, MessageSelector::by_tag(expression));
    PullSpec spec;
    spec.group = group_.empty() ? wrap(options_.group) : group_;
    spec.queue = queue;
    spec.offset = offset;
    spec.max_messages = max_messages;
    spec.subscription = &sub;
    spec.timeout = instance_->options().client_api_timeout;
    auto outcome = co_await pull(*instance_, spec);
    if (!outcome) co_return outcome.error();
    PullResult result;
    result.status = outcome->status;
    result.next_begin_offset = outcome->next_begin_offset;
    result.min_offset = outcome->min_offset;
    result.max_offset = outcome->max_offset;
    result.messages = std::move(outcome->messages);
    for (auto& m : result.messages)
        m.topic = instance_->unwrap_namespace(m.topic);
    co_return result;
}

// ---- ConsumerMember -------------------------------------------------------------------------

body::ConsumerData LitePullConsumerImpl::consumer_data() const {
    body::ConsumerData data;
    data.group_name = group_;
    data.consume_type = body::ConsumeType::consume_actively;
    data.message_model = options_.message_model == MessageModel::clustering
                             ? body::MessageModel::clustering
                             : body::MessageModel::broadcasting;
    data.consume_from_where = body::ConsumeFromWhere::consume_from_last_offset;
    for (const auto& [topic, sub] : subscriptions_)
        data.subscription_data_set.push_back(sub);
    data.unit_mode = client_options_.unit_mode;
    return data;
}

std::vector<std::string> LitePullConsumerImpl::topics() const {
    std::vector<std::string> out;
    for (const auto& [topic, sub] : subscriptions_)
        out.push_back(topic);
    return out;
}

asio::awaitable<void> LitePullConsumerImpl::rebalance() {
    if (state_ != State::running || assigned_mode_) co_return;
    for (const auto& topic : topics()) {
        auto route = co_await instance_->route(topic);
        if (!route) continue;
        auto allocated = co_await allocate(*instance_, group_, **route,
                                           options_.message_model == MessageModel::clustering,
                                           options_.allocate_strategy);
        if (!allocated) {
            rmq::log::warn("client", "rebalance of " + topic + ": " + allocated.error().message());
            continue;
        }
        co_await take_queues(*allocated, topic);
    }
}

asio::awaitable<void> LitePullConsumerImpl::persist_offsets() {
    co_return;  // auto commit and commit_sync() decide when offsets reach the broker
}

void LitePullConsumerImpl::reset_offsets(const std::string& topic,
                                         const std::map<MessageQueue, int64_t>& offsets) {
    for (const auto& [queue, offset] : offsets)
        if (queue.topic == topic && queues_.contains(queue)) restart_queue(queue, offset, offset);
}

std::map<MessageQueue, int64_t> LitePullConsumerImpl::offsets(const std::string& topic) {
    std::map<MessageQueue, int64_t> out;
    for (const auto& [queue, state] : queues_)
        if (queue.topic == topic) out[queue] = state->consumed;
    return out;
}

body::ConsumerRunningInfo LitePullConsumerImpl::running_info() {
    body::ConsumerRunningInfo info;
    info.properties.insert_or_assign("PROP_CONSUME_TYPE", "CONSUME_ACTIVELY");
    info.properties.insert_or_assign("consumerGroup", group_);
    for (const auto& [topic, sub] : subscriptions_)
        info.subscription_set.push_back(sub);
    for (const auto& [queue, state] : queues_) {
        body::ProcessQueueInfo q;
        q.commit_offset = state->consumed;
        q.cached_msg_count = static_cast<int32_t>(state->cached);
        q.droped = state->dropped;
        info.mq_table.insert_or_assign(to_body(queue), q);
    }
    return info;
}

asio::awaitable<body::ConsumeMessageDirectlyResult> LitePullConsumerImpl::consume_directly(
    ReceivedMessage) {
    body::ConsumeMessageDirectlyResult result;
    result.consume_result = body::CMResult::cr_throw_exception;
    result.remark = "a lite pull consumer has no listener to consume with";
    co_return result;
}

}  // namespace rocketmq::detail
