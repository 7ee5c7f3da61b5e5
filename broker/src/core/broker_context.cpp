#include "core/broker_context.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <ctime>

#include "common/log.hpp"
#include "common/wall_clock.hpp"
#include "proto/headers.hpp"
#include "proto/request_code.hpp"
#include "remoting/connection.hpp"
#include "store/config_file.hpp"

namespace rmq::broker {

namespace {

TopicSettings topic_settings(const config::BrokerStartup& startup) {
    const auto& b = startup.broker;
    TopicSettings settings;
    settings.cluster_name = b.broker_cluster_name;
    settings.broker_name = b.broker_name;
    settings.auto_create_topic_enable = b.auto_create_topic_enable;
    settings.default_topic_queue_nums = b.default_topic_queue_nums;
    settings.cluster_topic_enable = b.cluster_topic_enable;
    settings.broker_topic_enable = b.broker_topic_enable;
    settings.trace_topic_enable = b.trace_topic_enable;
    settings.msg_trace_topic_name = b.msg_trace_topic_name;
    settings.config_dir = startup.store.config_path();
    return settings;
}

}  // namespace

common::Result<std::unique_ptr<BrokerContext>> BrokerContext::open(config::BrokerStartup startup) {
    std::unique_ptr<BrokerContext> ctx(new BrokerContext);
    ctx->startup = std::move(startup);
    const auto& b = ctx->startup.broker;
    ctx->identity.cluster_name = b.broker_cluster_name;
    ctx->identity.broker_name = b.broker_name;
    ctx->identity.broker_id = b.broker_id;
    ctx->identity.broker_permission = b.broker_permission;
    ctx->identity.compressed_register = b.compressed_register;
    ctx->traffic = std::make_unique<BrokerStats>(b.broker_cluster_name);
    ctx->live_config = std::make_unique<config::LiveConfiguration<config::BrokerStartup>>(
        ctx->startup, ctx->startup.config_store_path,
        [](const std::filesystem::path& file, std::string_view text) {
            return store::write_config_file(file, text);
        });

    auto store = store::MessageStore::open(ctx->startup.store);
    if (!store) return common::in_context("cannot open the store", store.error());
    ctx->store = std::move(*store);
    ctx->boot_timestamp_ms = common::epoch_millis();

    const TopicSettings settings = topic_settings(ctx->startup);
    ctx->topics = std::make_unique<TopicConfigManager>(settings);
    ctx->groups = std::make_unique<SubscriptionGroupManager>(settings.config_dir,
                                                             b.auto_create_subscription_group);
    ctx->offsets = std::make_unique<ConsumerOffsetManager>(settings.config_dir);
    if (auto r = ctx->topics->load(); !r) return r.error();
    if (auto r = ctx->groups->load(); !r) return r.error();
    if (auto r = ctx->offsets->load(); !r) return r.error();

    // Held pulls wake when the dispatcher writes a message of their queue.
    ctx->store->add_arrival_listener([waiters =
                                          &ctx->pull_waiters](const store::DispatchRequest& r) {
        waiters->arrived(r.topic, r.queue_id, r.consume_queue_offset, r.tags_code, r.properties);
    });
    return ctx;
}

RequestSettings BrokerContext::request_settings() const {
    return live_config->read([](const config::BrokerStartup& s) {
        RequestSettings r;
        r.broker_permission = s.broker.broker_permission;
        r.broker_ip1 = s.broker.broker_ip1;
        r.cluster_name = s.broker.broker_cluster_name;
        r.region_id = s.broker.region_id;
        r.trace_on = s.broker.trace_on;
        r.start_accept_send_request_time_stamp = s.broker.start_accept_send_request_time_stamp;
        r.long_polling_enable = s.broker.long_polling_enable;
        r.short_polling_time_mills = s.broker.short_polling_time_mills;
        r.slave_read_enable = s.broker.slave_read_enable;
        r.enable_property_filter = s.broker.enable_property_filter;
        r.broker_fast_failure_enable = s.broker.broker_fast_failure_enable;
        r.wait_time_mills_in_send_queue = s.broker.wait_time_mills_in_send_queue;
        r.reject_transaction_message = s.broker.reject_transaction_message;
        r.store_reply_message_enable = s.broker.store_reply_message_enable;
        r.timers.enabled = s.store_extras.get("timerWheelEnable") != "false";
        r.timers.max_delay_sec = s.store_extras.get_int("timerMaxDelaySec");
        return r;
    });
}

void BrokerContext::topics_changed() {
    if (registrar) registrar->register_all_oneway(*topics);
}

void BrokerContext::permission_changed(int32_t permission) {
    log::info("broker", "brokerPermission is now " + std::to_string(permission));
    if (!registrar) return;
    registrar->set_permission(permission);
    topics->next_data_version();
    registrar->register_all_oneway(*topics);
}

void BrokerContext::notify_consumer_ids_changed(const std::string& group) {
    if (!live_config->read([](const config::BrokerStartup& s) {
            return s.broker.notify_consumer_ids_changed_enable;
        }))
        return;
    auto config = groups->find(group);
    if (config && !config->notify_consumer_ids_changed_enable) return;
    proto::NotifyConsumerIdsChangedRequestHeader header;
    header.consumerGroup = group;
    for (const auto& connection : clients->consumer_connections(group)) {
        auto request = remoting::RemotingCommand::request(
            proto::to_int(proto::RequestCode::NOTIFY_CONSUMER_IDS_CHANGED));
        request.set_header(header);
        boost::asio::co_spawn(
            connection->executor(),
            [connection, request = std::move(request)]() mutable -> boost::asio::awaitable<void> {
                (void)co_await connection->send_oneway(std::move(request));
            },
            boost::asio::detached);
    }
}

void BrokerContext::sample_stats() {
    auto& stats = store->stats();
    stats.sample();
    traffic->sample(common::epoch_millis());
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    const auto counters = stats.counters();
    std::lock_guard lock(daily_mutex_);
    if (daily_day_ == local.tm_yday) return;
    // A new day (or the first sample): today's morning is now, yesterday's the old today's.
    if (daily_day_ >= 0) {
        daily_.put_yesterday_morning = daily_.put_today_morning;
        daily_.get_yesterday_morning = daily_.get_today_morning;
        daily_.put_today_morning = counters.put_times;
        daily_.get_today_morning = counters.get_transferred;
    }
    daily_day_ = local.tm_yday;
}

DailyTotals BrokerContext::daily_totals() const {
    std::lock_guard lock(daily_mutex_);
    return daily_;
}

}  // namespace rmq::broker
