#include "consumer/push_consumer_impl.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_future.hpp>

#include "common/log.hpp"
#include "consumer/shared_steps.hpp"
#include "core/errors.hpp"
#include "core/message_codec.hpp"
#include "message/java_hash.hpp"
#include "proto/mq_version.hpp"

namespace rocketmq::detail {

namespace body = rmq::body;

namespace {

int64_t now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

}  // namespace

PushConsumerImpl::PushConsumerImpl(std::unique_ptr<ExecutorHost> host, PushConsumerOptions options,
                                   ClientOptions client)
    : host_(std::move(host)),
      context_(host_->context()),
      options_(std::move(options)),
      client_options_(std::move(client)),
      idle_(context_) {
}

PushConsumerImpl::~PushConsumerImpl() {
    if (pool_) pool_->join();
}

Result<void> PushConsumerImpl::subscribe(std::string topic, MessageSelector selector) {
    if (state_ != State::created)
        return make_error(ErrorKind::invalid_state, "subscribe before start()");
    if (topic.empty()) return make_error(ErrorKind::invalid_argument, "the topic is empty");
    if (selector.type != "TAG" && selector.type != "SQL92")
        return make_error(ErrorKind::invalid_argument,
                          "unknown expression type " + selector.type + " (TAG or SQL92)");
    requested_[std::move(topic)] = std::move(selector);
    return {};
}

int PushConsumerImpl::max_reconsume_times() const {
    if (options_.max_reconsume_times >= 0) return options_.max_reconsume_times;
    return orderly() ? 0x7fffffff : 16;
}

asio::awaitable<void> PushConsumerImpl::sleep(std::chrono::milliseconds duration) {
    asio::steady_timer timer(context_, duration);
    co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
}

asio::awaitable<Result<void>> PushConsumerImpl::start() {
    if (state_ != State::created)
        co_return make_error(ErrorKind::invalid_state, "the consumer was already started");
    if (options_.group.empty())
        co_return make_error(ErrorKind::invalid_argument, "the consumer group is empty");
    if (options_.group == "DEFAULT_CONSUMER")
        co_return make_error(ErrorKind::invalid_argument,
                             "the consumer group can not equal DEFAULT_CONSUMER, please specify "
                             "another one");
    if (std::holds_alternative<std::monostate>(listener_))
        co_return make_error(ErrorKind::invalid_argument, "no message listener was set");
    if (requested_.empty())
        co_return make_error(ErrorKind::invalid_argument, "no subscription was made");
    if (options_.consume_message_batch_max_size < 1
        || options_.consume_message_batch_max_size > 1024 || options_.pull_batch_size < 1
        || options_.pull_batch_size > 1024)
        co_return make_error(ErrorKind::invalid_argument,
                             "consume_message_batch_max_size and pull_batch_size must be in "
                             "[1, 1024]");
    if (!options_.allocate_strategy) options_.allocate_strategy = allocate_averagely();

    instance_ = ClientInstance::acquire(context_, client_options_);
    client_id_ = instance_->client_id();
    group_ = instance_->wrap_namespace(options_.group);
    for (const auto& [topic, selector] : requested_) {
        const auto wrapped = instance_->wrap_namespace(topic);
        subscriptions_[wrapped] = build_subscription(wrapped, selector);
    }
    if (clustering()) {
        const auto retry = "%RETRY%" + group_;
        subscriptions_[retry] = build_subscription(retry, MessageSelector{});
        offsets_ = make_remote_offset_store(*instance_, group_);
    } else {
        offsets_ = make_local_offset_store(*instance_, group_, options_.offset_store_dir);
        (void)offsets_->load();
    }
    const auto threads = static_cast<size_t>(std::max(1, options_.consume_thread_max));
    if (std::holds_alternative<MessageListener>(listener_)
        || std::holds_alternative<OrderlyListener>(listener_))
        pool_ = std::make_unique<asio::thread_pool>(threads);
    listener_slots_ = std::make_unique<AsyncSemaphore>(executor(), threads);
    start_timestamp_ = now_ms();

    // Routes first: a subscription the brokers refuse fails start() with their answer.
    for (const auto& [topic, sub] : subscriptions_) {
        auto route = co_await instance_->refresh_route(topic);
        if (!route && !topic.starts_with("%RETRY%")) {
            rmq::log::warn("client", "no route for " + topic + " yet: " + route.error().message());
            continue;
        }
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
    if (orderly() && clustering()) {
        auto weak = weak_from_this();
        services_->spawn_periodic("queue lock renewal", std::chrono::milliseconds(1000),
                                  std::chrono::milliseconds(20'000),
                                  [weak]() -> asio::awaitable<void> {
                                      if (auto self = weak.lock()) co_await self->renew_locks();
                                  });
    }
    co_await instance_->heartbeat_all();
    instance_->rebalance_soon();
    co_return Result<void>{};
}

asio::awaitable<void> PushConsumerImpl::shutdown() {
    if (state_ != State::running) co_return;
    state_ = State::stopped;
    services_->stop();
    // Pulls and new batches stop (state_); listener calls in progress finish and commit their
    // offsets before anything is persisted.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (consuming_ > 0 && std::chrono::steady_clock::now() < deadline) {
        idle_.expires_at(deadline);
        co_await idle_.async_wait(asio::as_tuple(asio::use_awaitable));
    }
    co_await persist_offsets();
    for (auto& [queue, pq] : queues_)
        pq->dropped = true;
    if (orderly() && clustering()) {
        std::map<std::string, std::set<MessageQueue>> by_broker;
        for (const auto& [queue, pq] : queues_)
            by_broker[queue.broker_name].insert(queue);
        for (const auto& [broker, set] : by_broker)
            co_await unlock_queues(*instance_, group_, broker, set);
    }
    queues_.clear();
    if (trace_) co_await trace_->shutdown();
    co_await instance_->unregister({}, group_);
    instance_->remove_consumer(group_);
}

std::unique_ptr<ExecutorHost> PushConsumerImpl::release_host() {
    // The instance closes its connections on their own thread.
    if (host_)
        host_->stop_after([this] {
            trace_.reset();
            instance_.reset();
        });
    return std::move(host_);
}

std::vector<MessageQueue> PushConsumerImpl::assigned() const {
    std::vector<MessageQueue> out;
    for (const auto& [queue, pq] : queues_)
        if (!pq->dropped) out.push_back(queue);
    return out;
}

// ---- ConsumerMember -------------------------------------------------------------------------

body::ConsumerData PushConsumerImpl::consumer_data() const {
    body::ConsumerData data;
    data.group_name = group_;
    data.consume_type = body::ConsumeType::consume_passively;
    data.message_model =
        clustering() ? body::MessageModel::clustering : body::MessageModel::broadcasting;
    switch (options_.consume_from_where) {
        case ConsumeFromWhere::last_offset:
            data.consume_from_where = body::ConsumeFromWhere::consume_from_last_offset;
            break;
        case ConsumeFromWhere::first_offset:
            data.consume_from_where = body::ConsumeFromWhere::consume_from_first_offset;
            break;
        case ConsumeFromWhere::timestamp:
            data.consume_from_where = body::ConsumeFromWhere::consume_from_timestamp;
            break;
    }
    for (const auto& [topic, sub] : subscriptions_)
        data.subscription_data_set.push_back(sub);
    data.unit_mode = client_options_.unit_mode;
    return data;
}

std::vector<std::string> PushConsumerImpl::topics() const {
    std::vector<std::string> out;
    for (const auto& [topic, sub] : subscriptions_)
        out.push_back(topic);
    return out;
}

asio::awaitable<void> PushConsumerImpl::persist_offsets() {
    if (!offsets_) co_return;
    std::set<MessageQueue> held;
    for (const auto& [queue, pq] : queues_)
        held.insert(queue);
    co_await offsets_->persist_all(held);
}

void PushConsumerImpl::reset_offsets(const std::string& topic,
                                     const std::map<MessageQueue, int64_t>& offsets) {
    for (const auto& [queue, offset] : offsets) {
        if (queue.topic != topic) continue;
        reset_to_[queue] = offset;
        offsets_->update(queue, offset, false);
        if (auto it = queues_.find(queue); it != queues_.end()) {
            it->second->dropped = true;
            queues_.erase(it);
        }
    }
    rmq::log::info("client", "offsets of " + topic + " reset by the broker for " + group_);
    instance_->rebalance_soon();
}

std::map<MessageQueue, int64_t> PushConsumerImpl::offsets(const std::string& topic) {
    std::map<MessageQueue, int64_t> out;
    if (!offsets_) return out;
    for (const auto& [queue, offset] : offsets_->table())
        if (queue.topic == topic) out[queue] = offset;
    return out;
}

body::ConsumerRunningInfo PushConsumerImpl::running_info() {
    body::ConsumerRunningInfo info;
    auto& p = info.properties;
    p.insert_or_assign("PROP_NAMESERVER_ADDR", client_options_.namesrv_addr);
    p.insert_or_assign("PROP_CONSUME_TYPE", "CONSUME_PASSIVELY");
    p.insert_or_assign("PROP_CONSUMEORDERLY", orderly() ? "true" : "false");
    p.insert_or_assign("PROP_THREADPOOL_CORE_SIZE", std::to_string(options_.consume_thread_max));
    p.insert_or_assign("PROP_CONSUMER_START_TIMESTAMP", std::to_string(start_timestamp_));
    p.insert_or_assign("PROP_CLIENT_VERSION", "V4_9_8");
    p.insert_or_assign("messageModel", clustering() ? "CLUSTERING" : "BROADCASTING");
    p.insert_or_assign("consumerGroup", group_);
    for (const auto& [topic, sub] : subscriptions_)
        info.subscription_set.push_back(sub);
    const auto to_ms = [](ProcessQueue::Clock::time_point t) {
        return std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::system_clock::now().time_since_epoch()
                   - (ProcessQueue::Clock::now() - t))
            .count();
    };
    for (const auto& [queue, pq] : queues_) {
        body::ProcessQueueInfo q;
        q.commit_offset = offsets_->read_memory(queue);
        q.cached_msg_min_offset = pq->min_cached_offset();
        q.cached_msg_max_offset = pq->max_cached_offset();
        q.cached_msg_count = static_cast<int32_t>(pq->count());
        q.cached_msg_size_in_mib = static_cast<int32_t>(pq->bytes() / (1024 * 1024));
        q.locked = pq->locked;
        q.try_unlock_times = pq->try_unlock_times;
        q.last_lock_timestamp = to_ms(pq->last_lock_time);
        q.droped = pq->dropped;
        q.last_pull_timestamp = to_ms(pq->last_pull_time);
        q.last_consume_timestamp = to_ms(pq->last_consume_time);
        info.mq_table.insert_or_assign(to_body(queue), q);
    }
    return info;
}

}  // namespace rocketmq::detail
