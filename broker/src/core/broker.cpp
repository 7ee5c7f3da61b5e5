#include "core/broker.hpp"

#include "common/log.hpp"
#include "common/wall_clock.hpp"
#include "config/server_configs.hpp"
#include "ha/ha_error.hpp"
#include "handlers.hpp"
#include "http/address_fetcher.hpp"
#include "metadata/topic_validator.hpp"

namespace rmq::broker {

namespace {

/// Services mostly wait on timers; two threads let one write a file while another works.
constexpr size_t kServiceThreads = 2;
constexpr auto kClientScan = std::chrono::seconds(10);
/// A burst of topic or group changes within this time costs one write of their file.
constexpr auto kMetadataDelay = std::chrono::milliseconds(100);
constexpr auto kClientExpiry = std::chrono::seconds(120);

}  // namespace

Broker::Broker(config::BrokerStartup startup) : startup_(std::move(startup)) {
}

Broker::~Broker() {
    shutdown();
}

common::Result<void> Broker::start() {
    auto opened = BrokerContext::open(startup_);
    if (!opened) return opened.error();
    context_ = std::move(*opened);
    auto& ctx = *context_;
    service_pool_ = std::make_unique<boost::asio::thread_pool>(kServiceThreads);
    services_ = std::make_unique<service::ServiceRunner>(service_pool_->get_executor(), "broker");
    for (MetadataWriter* writer : metadata_writers()) {
        writer->run_in_background(service_pool_->get_executor());
        services_->spawn("metadata writer", [writer] { return writer->run(kMetadataDelay); });
    }
    if (auto joined = join_failover_group(); !joined) return joined;
    // Before the store starts: a master hooks its appends, a SYNC_MASTER its puts' wait, the
    // timer service its dispatches.
    ctx.replication = std::make_unique<Replication>(*ctx.store, ctx.startup);
    ctx.timers = std::make_unique<timer::TimerService>(service_pool_->get_executor(), *ctx.store,
                                                       startup_.store.root_dir,
                                                       startup_.store.config_path());
    if (auto r = ctx.store->start(); !r)
        return common::in_context("cannot start the store", r.error());
    if (auto r = ctx.replication->start(); !r) return r;
    if (auto r = start_schedule_service(); !r) return r;
    start_transaction_check_service();

    remoting::ServerConfig config;
    config.port = static_cast<uint16_t>(startup_.netty_server.listen_port);
    config.connection.max_idle =
        std::chrono::seconds(startup_.netty_server.server_channel_max_idle_time_seconds);
    server_ = serve(config);
    if (auto listening = server_->start(); !listening) return listening;
    // As 4.9.8, every request is also served on listenPort − 2 (the "VIP channel" clients may
    // choose, and where a 4.9.8 slave fetches its master's topics). An ephemeral port has no
    // fixed neighbour, so it has none.
    if (config.port > 2) {
        config.port -= 2;
        config.io_threads = 1;
        vip_server_ = serve(config);
        if (auto listening = vip_server_->start(); !listening)
            return common::in_context("cannot open the VIP port (listenPort - 2)",
                                      listening.error());
    }
    // Elected at start: consumers may hold offsets from a master whose log went further.
    if (failover_ && failover_->is_master()) arm_promotion_fence();
    if (ctx.is_slave()) metadata_sync_ = std::make_unique<SlaveMetadataSync>(ctx);
    ctx.promote = [this](store::BrokerRole role) { return promote(role); };
    start_registrar();
    start_periodic_services();
    if (failover_) {
        if (metadata_sync_ && !startup_master_addr_.empty())
            metadata_sync_->set_master(startup_master_addr_);
        failover_->set_hooks({[this](store::BrokerRole role) { return promote(role); },
                              [this](const std::string& broker_addr, const std::string& ha_addr) {
                                  context_->replication->follow(ha_addr);
                                  if (metadata_sync_) metadata_sync_->set_master(broker_addr);
                              },
                              [this](const std::string& why) {
                                  log::warn("failover", "rejoining the group: " + why);
                                  if (rejoin_handler_) rejoin_handler_(why);
                              }});
        services_->spawn("etcd failover", [f = failover_.get()] { return f->run(); });
    }
    // As Java's BrokerController.start(): the first registration is done before start-up
    // completes, so clients that read routes right after "boot success" find this broker.
    register_now();
    services_->spawn("name-server registration", [this] { return registration_service(); });
    return {};
}

std::unique_ptr<remoting::RemotingServer> Broker::serve(const remoting::ServerConfig& config) {
    auto& ctx = *context_;
    auto server = std::make_unique<remoting::RemotingServer>(config);
    register_handlers(*server, ctx);
    server->on_connection_closed([&ctx](const remoting::CloseEvent& event) {
        for (const auto& group : ctx.clients->connection_closed(event.connection.get()))
            ctx.notify_consumer_ids_changed(group);
    });
    return server;
}

void Broker::start_registrar() {
    auto& ctx = *context_;
    const auto& b = startup_.broker;
    const std::string ip1 = b.broker_ip1.empty() ? config::local_ipv4_address() : b.broker_ip1;
    const std::string ip2 = b.broker_ip2.empty() ? ip1 : b.broker_ip2;
    ctx.identity.broker_addr = ip1 + ":" + std::to_string(server_->port());
    ctx.store_host =
        message::HostAddress::parse(ctx.identity.broker_addr).value_or(message::HostAddress{});
    const int32_t ha_port = ctx.replication->port();
    ctx.identity.ha_server_addr = ip2 + ":" + std::to_string(ha_port);
    ctx.registrar = std::make_unique<NameServerRegistrar>(
        ctx.identity, NameServerRegistrar::split_addresses(b.namesrv_addr),
        std::chrono::milliseconds(b.register_broker_timeout_mills));
    // A slave follows the master its registrations name (unless haMasterAddress says), and
    // copies that master's metadata.
    if (failover_)
        ctx.registrar->pause_while([store = ctx.store.get()] { return store->term_over(); });
    // Under failover etcd names the master instead: a name server may still list a deposed one.
    if (!failover_)
        ctx.registrar->on_master_named(
            [replication = ctx.replication.get(), sync = metadata_sync_.get()](
                const std::string& ha_server_addr, const std::string& master_addr) {
                replication->master_named(ha_server_addr);
                if (sync) sync->set_master(master_addr);
            });
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
}

common::Result<void> Broker::join_failover_group() {
    auto& ctx = *context_;
    auto settings = FailoverSettings::from(ctx.startup);
    if (!settings) return settings.error();
    if (!*settings) return {};
    const auto master_role = (*settings)->master_role;
    const int64_t slave_id = (*settings)->slave_broker_id();
    const auto ttl = std::chrono::seconds((*settings)->lease_ttl_seconds);
    failover_ = std::make_unique<EtcdFailover>(std::move(**settings), *ctx.store);
    // Long enough for this member's own lease from a previous run to lapse.
    auto decision = failover_->join(ttl * 3 + std::chrono::seconds(10));
    if (!decision) return decision.error();
    if (decision->master) {
        ctx.startup.store.broker_role = master_role;
        ctx.identity.broker_id = 0;
    } else {
        ctx.startup.store.broker_role = store::BrokerRole::slave;
        ctx.startup.store_extras.values["haMasterAddress"] = decision->master_ha_addr;
        ctx.identity.broker_id = slave_id;
        startup_master_addr_ = decision->master_broker_addr;
    }
    ctx.store->set_role(ctx.startup.store.broker_role);
    return {};
}

common::Result<void> Broker::start_schedule_service() {
    auto& ctx = *context_;
    const auto period = std::chrono::milliseconds(
        std::max<int64_t>(1000, startup_.store_extras.get_int("flushDelayOffsetInterval")));
    ctx.schedule = std::make_unique<ScheduleService>(service_pool_->get_executor(), *ctx.store,
                                                     ctx.store->delay_levels(),
                                                     startup_.store.config_path(), period);
    // A slave's timer service follows its master's deliveries until it is promoted.
    if (auto r = ctx.timers->load(); !r)
        return common::in_context("cannot load the timer log", r.error());
    ctx.timers->start(!ctx.is_slave());
    // Delayed messages are delivered by the master only; a slave's copies arrive by replication,
    // and it loads the offsets its master last synced when it is promoted.
    if (ctx.is_slave()) return {};
    if (auto r = ctx.schedule->load(); !r)
        return common::in_context("cannot load delayOffset.json", r.error());
    ctx.schedule->start();
    return {};
}

void Broker::start_transaction_check_service() {
    auto& ctx = *context_;
    TransactionCheckService::Hooks hooks;
    hooks.settings = [&ctx] {
        return ctx.live_config->read([](const config::BrokerStartup& s) {
            TransactionCheckSettings r;
            r.interval_ms = s.broker.transaction_check_interval;
            r.timeout_ms = s.broker.transaction_time_out;
            r.check_max = s.broker.transaction_check_max;
            r.file_reserved_ms = int64_t{s.store.file_reserved_time_hours} * 3600 * 1000;
            return r;
        });
    };
    hooks.producer = [&ctx](const std::string& group) {
        return ctx.clients->available_producer(group);
    };
    hooks.ensure_discard_topic = [&ctx] {
        bool created = false;
        ctx.topics->create_in_send_back(kTransCheckMaxTimeTopic, 1,
                                        proto::perm::kRead | proto::perm::kWrite, 0, &created);
        if (created) ctx.topics_changed();
    };
    hooks.half_topic_queues = [&ctx] {
        bool created = false;
        const auto config = ctx.topics->create_in_send_back(
            kTransHalfTopic, 1, proto::perm::kRead | proto::perm::kWrite, 0, &created);
        if (created) ctx.topics_changed();
        return config.read_queue_nums;
    };
    ctx.transaction_check = std::make_unique<TransactionCheckService>(
        service_pool_->get_executor(), *ctx.store, *ctx.offsets, std::move(hooks));
    // Half messages are checked by the master only, as delayed ones are delivered.
    if (!ctx.is_slave()) ctx.transaction_check->start();
}

common::Result<void> Broker::promote(store::BrokerRole role) {
    std::lock_guard lock(mutex_);
    if (stopping_ || !context_ || !context_->registrar)
        return common::Error{make_error_code(ha::errc::stopped), "the broker is shutting down"};
    auto& ctx = *context_;
    const bool was_slave = ctx.is_slave();
    if (auto r = ctx.replication->promote(role); !r) return r;
    if (!was_slave) return {};
    arm_promotion_fence();
    // A master follows no one; its metadata is now the one slaves copy.
    if (metadata_sync_) metadata_sync_->stop_following();
    if (auto r = ctx.schedule->load(); !r)
        log::error("broker",
                   "promoted, but delayOffset.json is unreadable (delivery restarts "
                   "from each level's start): "
                       + r.error().message);
    ctx.schedule->start();
    ctx.timers->promote();  // delivers the timers its old master had not
    ctx.transaction_check->start();
    const auto& ha = ctx.identity.ha_server_addr;
    ctx.registrar->promoted(ha.substr(0, ha.rfind(':') + 1)
                            + std::to_string(ctx.replication->port()));
    ctx.topics_changed();  // registers as brokerId 0 now, not at the next period
    log::info("broker", "promoted to master (brokerId 0)");
    return {};
}

void Broker::arm_promotion_fence() {
    std::unordered_map<std::string, int64_t> ends;
    context_->store->consume_queues().for_each([&](store::ConsumeQueue& q) {
        ends[PromotionFence::queue_key(q.topic(), q.queue_id())] = q.max_offset();
    });
    context_->promotion_fence.arm(std::move(ends));
}

size_t Broker::register_now() {
    if (!context_ || !context_->registrar) return 0;
    return context_->registrar->register_all(*context_->topics);
}

void Broker::start_periodic_services() {
    using namespace std::chrono_literals;
    auto& ctx = *context_;
    const auto offsets_period =
        std::chrono::milliseconds(std::max(1000, startup_.broker.flush_consumer_offset_interval));
    services_->spawn("stats", [&ctx] {
        return service::ServiceRunner::every(1s, [&ctx] { ctx.sample_stats(); });
    });
    services_->spawn("consumer-offset flush", [this, offsets_period] {
        return service::ServiceRunner::every(offsets_period, [this] { persist_offsets(); });
    });
    if (metadata_sync_)
        services_->spawn("slave metadata sync",
                         [sync = metadata_sync_.get()] { return sync->run(); });
    services_->spawn("client expiry", [&ctx] {
        return service::ServiceRunner::every(kClientScan, [&ctx] {
            for (const auto& group : ctx.clients->expire(kClientExpiry))
                ctx.notify_consumer_ids_changed(group);
        });
    });
}

boost::asio::awaitable<void> Broker::registration_service() {
    // registerNameServerPeriod is clamped to 10–60 s, like Java's; start() registered already.
    using Clock = std::chrono::steady_clock;
    constexpr auto kAddressFetch = std::chrono::minutes(2);  // Java's period
    const auto period = std::chrono::milliseconds(
        std::clamp(startup_.broker.register_name_server_period, 10000, 60000));
    auto& ctx = *context_;
    auto next_address_fetch = Clock::now() + kAddressFetch;
    auto next_registration = Clock::now() + period;
    for (;;) {
        const auto next = address_service_url_.empty()
                              ? next_registration
                              : std::min(next_registration, next_address_fetch);
        const auto wait = next - Clock::now();
        const bool awake = co_await service::ServiceRunner::sleep(wait);
        if (!awake) co_return;
        if (!address_service_url_.empty() && Clock::now() >= next_address_fetch) {
            // A changed list is registered with at once rather than at the next period.
            if (fetch_name_servers()) next_registration = Clock::now();
            next_address_fetch = Clock::now() + kAddressFetch;
        }
        if (Clock::now() >= next_registration) {
            co_await ctx.registrar->register_all_async(*ctx.topics);
            next_registration = Clock::now() + period;
        }
    }
}

bool Broker::fetch_name_servers() {
    auto list = http::fetch_address_list(address_service_url_, std::chrono::seconds(3));
    if (!list) {
        log::warn("broker", "cannot fetch the name-server list: " + list.error().message);
        return false;
    }
    if (!context_->registrar->set_name_servers(NameServerRegistrar::split_addresses(*list)))
        return false;
    log::info("broker", "name servers from " + address_service_url_ + ": " + *list);
    return true;
}

void Broker::persist_offsets() {
    if (auto r = context_->offsets->persist(); !r)
        log::error("broker", "cannot write consumer offsets: " + r.error().message);
}

void Broker::shutdown() {
    {
        std::lock_guard lock(mutex_);
        if (stopping_) return;
        stopping_ = true;
    }
    if (metadata_sync_) metadata_sync_->close();  // a call under way ends now
    if (services_) services_->stop();
    // A master stops acknowledging, lets its slaves copy what it acknowledged (an ASYNC_MASTER's
    // lag would otherwise be cut from its log when it rejoins), and hands its term over at once
    // rather than after the TTL.
    if (failover_) {
        if (failover_->is_master()) {
            context_->store->set_term_deadline(std::chrono::steady_clock::now());
            const int64_t end = context_->store->commit_log().max_offset();
            if (!context_->replication->wait_for_slaves(end))
                log::warn("failover", "handing the term over before a slave holds offset "
                                          + std::to_string(end));
        }
        failover_->resign();
    }
    if (!context_) return;
    auto& ctx = *context_;
    // Changes from here on (the last requests) are written as they happen.
    for (MetadataWriter* writer : metadata_writers()) {
        writer->run_in_foreground();
        if (auto r = writer->flush(); !r)
            log::error("broker", "cannot write metadata at shutdown: " + r.error().message);
    }
    // Before unregistering (a round may create a topic and register it) and before the consumer
    // offsets are written (its progress is among them).
    if (ctx.transaction_check) ctx.transaction_check->shutdown();
    if (ctx.registrar) ctx.registrar->unregister_all();
    ctx.pull_waiters.wake_all();  // held pulls answer now instead of holding the stop up
    if (vip_server_) vip_server_->stop(std::chrono::seconds(3));
    if (server_) server_->stop(std::chrono::seconds(3));
    if (ctx.offsets) persist_offsets();            // after the last in-flight commit
    if (ctx.replication) ctx.replication->stop();  // before the store its streams read
    if (ctx.schedule) ctx.schedule->shutdown();    // before the store it puts into
    if (ctx.timers) ctx.timers->shutdown();        // likewise
    if (ctx.store) ctx.store->shutdown();
}

std::array<MetadataWriter*, 2> Broker::metadata_writers() {
    return {&context_->topics->writer(), &context_->groups->writer()};
}

uint16_t Broker::port() const {
    return server_ ? server_->port() : 0;
}

}  // namespace rmq::broker
