#include "broker.hpp"

#include "common/log.hpp"
#include "config/server_configs.hpp"

namespace rmq::broker {

Broker::Broker(config::BrokerStartup startup) : startup_(std::move(startup)) {
    const auto& b = startup_.broker;
    identity_.cluster_name = b.broker_cluster_name;
    identity_.broker_name = b.broker_name;
    identity_.broker_id = b.broker_id;
    identity_.broker_permission = b.broker_permission;
    identity_.compressed_register = b.compressed_register;
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
    if (auto r = store_->start(); !r) {
        error = "cannot start the store: " + r.error().message;
        return false;
    }

    remoting::ServerConfig config;
    config.port = static_cast<uint16_t>(startup_.netty_server.listen_port);
    config.connection.max_idle =
        std::chrono::seconds(startup_.netty_server.server_channel_max_idle_time_seconds);
    server_ = std::make_unique<remoting::RemotingServer>(config);
    register_processors();
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
    identity_.ha_server_addr = ip2 + ":" + std::to_string(startup_.ha_listen_port());
    registrar_ = std::make_unique<NameServerRegistrar>(
        identity_, NameServerRegistrar::split_addresses(b.namesrv_addr),
        std::chrono::milliseconds(b.register_broker_timeout_mills));
    registration_thread_ = std::thread([this] { registration_loop(); });
    return true;
}

size_t Broker::register_now() {
    return registrar_ ? registrar_->register_all(*topics_) : 0;
}

void Broker::registration_loop() {
    // registerNameServerPeriod is clamped to 10–60 s, like Java's; clients are checked every 10 s.
    const auto period = std::chrono::milliseconds(
        std::clamp(startup_.broker.register_name_server_period, 10000, 60000));
    constexpr auto kClientScan = std::chrono::seconds(10);
    constexpr auto kClientExpiry = std::chrono::seconds(120);
    auto next_registration = std::chrono::steady_clock::now();
    std::unique_lock lock(mutex_);
    for (;;) {
        if (std::chrono::steady_clock::now() >= next_registration) {
            lock.unlock();
            register_now();
            lock.lock();
            next_registration = std::chrono::steady_clock::now() + period;
        }
        if (cv_.wait_for(lock, std::min<std::chrono::steady_clock::duration>(kClientScan, period),
                         [&] { return stopping_; }))
            return;
        lock.unlock();
        for (const auto& group : clients_->expire(kClientExpiry))
            notify_consumer_ids_changed(group);
        lock.lock();
    }
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
    if (registrar_) registrar_->unregister_all();
    if (server_) server_->stop(std::chrono::seconds(3));
    if (store_) store_->shutdown();
}

uint16_t Broker::port() const {
    return server_ ? server_->port() : 0;
}

}  // namespace rmq::broker
