#include "broker.hpp"

#include <ctime>

#include "common/log.hpp"
#include "common/wall_clock.hpp"
#include "config/server_configs.hpp"
#include "http/address_fetcher.hpp"
#include "no_slave_in_sync.hpp"
#include "store/config_file.hpp"
#include "topic_validator.hpp"

namespace rmq::broker {

Broker::Broker(config::BrokerStartup startup) : startup_(std::move(startup)) {
    const auto& b = startup_.broker;
    identity_.cluster_name = b.broker_cluster_name;
    identity_.broker_name = b.broker_name;
    identity_.broker_id = b.broker_id;
    identity_.broker_permission = b.broker_permission;
    identity_.compressed_register = b.compressed_register;
    traffic_ = std::make_unique<BrokerStats>(b.broker_cluster_name);
    live_config_ = std::make_unique<config::LiveConfiguration<config::BrokerStartup>>(
        startup_, startup_.config_store_path,
        [](const std::filesystem::path& file, std::string_view text) -> std::optional<std::string> {
            if (auto r = store::write_config_file(file, text); !r) return r.error().message;
            return std::nullopt;
        });
}

Broker::~Broker() {
    shutdown();
}

bool Broker::start(std::string& error) {
    auto& b = startup_.broker;
    auto store = store::MessageStore::open(startup_.store);
    if (!store) {
        error = "cannot open the store: " + store.error().message;
        return false;
    }
    store_ = std::move(*store);
    boot_timestamp_ms_ = common::epoch_millis();

    TopicSettings settings;
    settings.cluster_name = b.broker_cluster_name;
    settings.broker_name = b.broker_name;
    settings.auto_create_topic_enable = b.auto_create_topic_enable;
    settings.default_topic_queue_nums = b.default_topic_queue_nums;
    settings.cluster_topic_enable = b.cluster_topic_enable;
    settings.broker_topic_enable = b.broker_topic_enable;
    settings.trace_topic_enable = b.trace_topic_enable;
    settings.msg_trace_topic_name = b.msg_trace_topic_name;
    settings.config_dir = startup_.store.config_path();
    topics_ = std::make_unique<TopicConfigManager>(settings);
    groups_ = std::make_unique<SubscriptionGroupManager>(settings.config_dir,
                                                         b.auto_create_subscription_group);
    if (auto r = topics_->load(); !r) {
        error = r.error().message;
        return false;
    }
    if (auto r = groups_->load(); !r) {
        error = r.error().message;
        return false;
    }
    offsets_ = std::make_unique<ConsumerOffsetManager>(settings.config_dir);
    if (auto r = offsets_->load(); !r) {
        error = r.error().message;
        return false;
    }
    // Held pulls wake when the dispatcher writes a message of their queue.
    store_->add_arrival_listener([this](const store::DispatchRequest& r) {
        pull_waiters_.arrived(r.topic, r.queue_id, r.consume_queue_offset, r.tags_code);
    });
    if (startup_.store.broker_role == store::BrokerRole::sync_master)
        store_->set_replica_waiter(std::make_shared<NoSlaveInSync>());
    if (auto r = store_->start(); !r) {
        error = "cannot start the store: " + r.error().message;
        return false;
    }
    if (!start_schedule_service(error)) return false;
    start_transaction_check_service();

    remoting::ServerConfig config;
    config.port = static_cast<uint16_t>(startup_.netty_server.listen_port);
    config.connection.max_idle =
        std::chrono::seconds(startup_.netty_server.server_channel_max_idle_time_seconds);
    server_ = std::make_unique<remoting::RemotingServer>(config);
    register_processors();
    register_query_processors();
    register_consumer_admin_processors();
    register_lock_processors();
    register_diagnostic_processors();
    register_queue_diagnostic_processors();
    register_send_processors();
    register_offset_processors();
    register_pull_processor();
    register_query_processors_for_messages();
    register_send_back_processor();
    register_end_transaction_processor();
    register_client_processors();
    server_->on_connection_closed([this](const remoting::CloseEvent& event) {
        for (const auto& group : clients_->connection_closed(event.connection.get()))
            notify_consumer_ids_changed(group);
    });
    try {
        server_->start();
    } catch (const std::exception& e) {
        error = e.what();
        return false;
    }
    const std::string ip1 = b.broker_ip1.empty() ? config::local_ipv4_address() : b.broker_ip1;
    const std::string ip2 = b.broker_ip2.empty() ? ip1 : b.broker_ip2;
    identity_.broker_addr = ip1 + ":" + std::to_string(server_->port());
    store_host_ =
        message::HostAddress::parse(identity_.broker_addr).value_or(message::HostAddress{});
    identity_.ha_server_addr = ip2 + ":" + std::to_string(startup_.ha_listen_port());
    registrar_ = std::make_unique<NameServerRegistrar>(
        identity_, NameServerRegistrar::split_addresses(b.namesrv_addr),
        std::chrono::milliseconds(b.register_broker_timeout_mills));
    if (b.namesrv_addr.empty() && b.fetch_namesrv_addr_by_address_server) {
        const auto& props = startup_.system_properties;
        const auto value = [&](const char* key) {
            auto it = props.find(key);
            return it == props.end() ? std::string() : it->second;
        };
        address_service_url_ = http::address_service_url(value("rocketmq.namesrv.domain"),
                                                         value("rocketmq.namesrv.domain.subgroup"));
        fetch_name_servers();
    }
    // As Java's BrokerController.start(): the first registration is done before start-up
    // completes, so clients that read routes right after "boot success" find this broker.
    register_now();
    registration_thread_ = std::thread([this] { registration_loop(); });
    return true;
}

bool Broker::start_schedule_service(std::string& error) {
    // Delayed messages are delivered by the master only; a slave's copies arrive by replication.
    if (startup_.store.broker_role == store::BrokerRole::slave) return true;
    const auto period = std::chrono::milliseconds(
        std::max<int64_t>(1000, startup_.store_extras.get_int("flushDelayOffsetInterval")));
    schedule_ = std::make_unique<ScheduleService>(*store_, store_->delay_levels(),
                                                  startup_.store.config_path(), period);
    if (auto r = schedule_->load(); !r) {
        error = "cannot load delayOffset.json: " + r.error().message;
        return false;
    }
    schedule_->start();
    return true;
}

void Broker::start_transaction_check_service() {
    // Half messages are checked by the master only, as delayed ones are delivered.
    if (startup_.store.broker_role == store::BrokerRole::slave) return;
    TransactionCheckService::Hooks hooks;
    hooks.settings = [this] {
        return live_config_->read([](const config::BrokerStartup& s) {
            TransactionCheckSettings r;
            r.interval_ms = s.broker.transaction_check_interval;
            r.timeout_ms = s.broker.transaction_time_out;
            r.check_max = s.broker.transaction_check_max;
            r.file_reserved_ms = int64_t{s.store.file_reserved_time_hours} * 3600 * 1000;
            return r;
        });
    };
    hooks.producer = [this](const std::string& group) {
        return clients_->available_producer(group);
    };
    hooks.ensure_discard_topic = [this] {
        bool created = false;
        topics_->create_in_send_back(kTransCheckMaxTimeTopic, 1,
                                     proto::perm::kRead | proto::perm::kWrite, 0, &created);
        if (created) topics_changed();
    };
    hooks.half_topic_queues = [this] {
        bool created = false;
        const auto config = topics_->create_in_send_back(
            kTransHalfTopic, 1, proto::perm::kRead | proto::perm::kWrite, 0, &created);
        if (created) topics_changed();
        return config.read_queue_nums;
    };
    transaction_check_ =
        std::make_unique<TransactionCheckService>(*store_, *offsets_, std::move(hooks));
    transaction_check_->start();
}

size_t Broker::register_now() {
    return registrar_ ? registrar_->register_all(*topics_) : 0;
}

void Broker::registration_loop() {
    // registerNameServerPeriod is clamped to 10–60 s, like Java's; clients are checked every 10 s
    // and the store's counters sampled every second.
    using Clock = std::chrono::steady_clock;
    const auto period = std::chrono::milliseconds(
        std::clamp(startup_.broker.register_name_server_period, 10000, 60000));
    constexpr auto kClientScan = std::chrono::seconds(10);
    constexpr auto kClientExpiry = std::chrono::seconds(120);
    constexpr auto kTick = std::chrono::seconds(1);
    constexpr auto kAddressFetch = std::chrono::minutes(2);  // Java's period
    const auto offsets_period =
        std::chrono::milliseconds(std::max(1000, startup_.broker.flush_consumer_offset_interval));
    auto next_registration = Clock::now() + period;  // start() registered already
    auto next_offsets_flush = Clock::now() + offsets_period;
    auto next_address_fetch = Clock::now() + kAddressFetch;
    auto next_client_scan = Clock::now() + kClientScan;
    std::unique_lock lock(mutex_);
    for (;;) {
        lock.unlock();
        sample_stats();
        if (!address_service_url_.empty() && Clock::now() >= next_address_fetch) {
            // A changed list is registered with at once rather than at the next period.
            if (fetch_name_servers()) next_registration = Clock::now();
            next_address_fetch = Clock::now() + kAddressFetch;
        }
        if (Clock::now() >= next_registration) {
            register_now();
            next_registration = Clock::now() + period;
        }
        if (Clock::now() >= next_offsets_flush) {
            persist_offsets();
            next_offsets_flush = Clock::now() + offsets_period;
        }
        if (Clock::now() >= next_client_scan) {
            for (const auto& group : clients_->expire(kClientExpiry))
                notify_consumer_ids_changed(group);
            next_client_scan = Clock::now() + kClientScan;
        }
        lock.lock();
        if (cv_.wait_for(lock, kTick, [&] { return stopping_; })) return;
    }
}

bool Broker::fetch_name_servers() {
    auto list = http::fetch_address_list(address_service_url_, std::chrono::seconds(3));
    if (!list) {
        log::warn("broker", "cannot fetch the name-server list: " + list.error().message);
        return false;
    }
    if (!registrar_->set_name_servers(NameServerRegistrar::split_addresses(*list))) return false;
    log::info("broker", "name servers from " + address_service_url_ + ": " + *list);
    return true;
}

void Broker::sample_stats() {
    auto& stats = store_->stats();
    stats.sample();
    traffic_->sample(common::epoch_millis());
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

RequestSettings Broker::request_settings() const {
    return live_config_->read([](const config::BrokerStartup& s) {
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
        r.broker_fast_failure_enable = s.broker.broker_fast_failure_enable;
        r.wait_time_mills_in_send_queue = s.broker.wait_time_mills_in_send_queue;
        r.reject_transaction_message = s.broker.reject_transaction_message;
        return r;
    });
}

void Broker::persist_offsets() {
    if (auto r = offsets_->persist(); !r)
        log::error("broker", "cannot write consumer offsets: " + r.error().message);
}

DailyTotals Broker::daily_totals() const {
    std::lock_guard lock(daily_mutex_);
    return daily_;
}

void Broker::permission_changed(int32_t permission) {
    log::info("broker", "brokerPermission is now " + std::to_string(permission));
    if (!registrar_) return;
    registrar_->set_permission(permission);
    topics_->next_data_version();
    registrar_->register_all_oneway(*topics_);
}

void Broker::topics_changed() {
    if (registrar_) registrar_->register_all_oneway(*topics_);
}

void Broker::shutdown() {
    {
        std::lock_guard lock(mutex_);
        if (stopping_) return;
        stopping_ = true;
    }
    cv_.notify_all();
    if (registration_thread_.joinable()) registration_thread_.join();
    // Before unregistering (a round may create a topic and register it) and before the consumer
    // offsets are written (its progress is among them).
    if (transaction_check_) transaction_check_->shutdown();
    if (registrar_) registrar_->unregister_all();
    pull_waiters_.wake_all();  // held pulls answer now instead of holding the stop up
    if (server_) server_->stop(std::chrono::seconds(3));
    if (offsets_) persist_offsets();       // after the last in-flight commit
    if (schedule_) schedule_->shutdown();  // before the store it puts into
    if (store_) store_->shutdown();
}

uint16_t Broker::port() const {
    return server_ ? server_->port() : 0;
}

}  // namespace rmq::broker
