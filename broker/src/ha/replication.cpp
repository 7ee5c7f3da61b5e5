#include "ha/replication.hpp"

#include <chrono>
#include <future>

#include "common/log.hpp"
#include "ha/ha_error.hpp"

namespace rmq::broker {

/// The store's one replica waiter, set before it starts: it hands each SYNC_MASTER put to the
/// current master's SlaveAckWaiter, which a promotion creates later.
class ReplicaWaitRelay final : public store::ReplicaWaiter {
  public:
    void set(std::shared_ptr<ha::SlaveAckWaiter> waiter) {
        std::lock_guard lock(mutex_);
        waiter_ = std::move(waiter);
    }
    void wait_for(int64_t end_offset, std::function<void(store::PutMessageStatus)> done) override {
        std::shared_ptr<ha::SlaveAckWaiter> waiter;
        {
            std::lock_guard lock(mutex_);
            waiter = waiter_;
        }
        if (!waiter) return done(store::PutMessageStatus::slave_not_available);
        waiter->wait_for(end_offset, std::move(done));
    }

  private:
    std::mutex mutex_;
    std::shared_ptr<ha::SlaveAckWaiter> waiter_;
};

Replication::Replication(store::MessageStore& store, const config::BrokerStartup& startup)
    : store_(store),
      listen_port_(startup.ha_listen_port()),
      slave_timeout_(startup.store_extras.get_int("slaveTimeout")),
      configured_master_(startup.store_extras.get("haMasterAddress")),
      relay_(std::make_shared<ReplicaWaitRelay>()) {
    pool_.start();
    store_.set_replica_waiter(relay_);
    if (startup.store.broker_role == store::BrokerRole::slave)
        client_ = std::make_unique<ha::HaClient>(pool_.at(0).get_executor(), store_);
}

Replication::~Replication() {
    stop();
}

common::Result<void> Replication::start() {
    std::lock_guard lock(mutex_);
    // Every role listens, as 4.9.8's HAService does: the port a promotion needs is held from the
    // start, so nothing else on the host can take it meanwhile.
    auto server = std::make_unique<ha::HaMaster>(pool_.at(0).get_executor(), store_);
    if (auto listening = server->listen("0.0.0.0", static_cast<uint16_t>(listen_port_)); !listening)
        return listening;
    server_ = std::move(server);
    if (!client_) {
        wait_for_replicas();
        return {};
    }
    client_->start(configured_master_);
    return {};
}

void Replication::wait_for_replicas() {
    waiter_ =
        std::make_shared<ha::SlaveAckWaiter>(*server_, pool_.at(0).get_executor(), slave_timeout_);
    waiter_->start();
    relay_->set(waiter_);
}

void Replication::master_named(const std::string& ha_server_addr) {
    std::lock_guard lock(mutex_);
    if (client_ && configured_master_.empty() && !ha_server_addr.empty() && !stopped_)
        client_->set_master(ha_server_addr);
}

void Replication::follow(const std::string& ha_server_addr) {
    std::lock_guard lock(mutex_);
    if (client_ && !ha_server_addr.empty() && !stopped_) client_->set_master(ha_server_addr);
}

common::Result<void> Replication::promote(store::BrokerRole role) {
    std::lock_guard lock(mutex_);
    if (stopped_ || !server_)
        return common::Error{make_error_code(ha::errc::stopped), "replication stopped"};
    if (client_) {
        // Nothing more comes from the old master; what arrived is the new master's log.
        client_->stop();
        client_.reset();
        store_.set_role(role);
        wait_for_replicas();
        log::info("ha",
                  "promoted to master; serving slaves on port " + std::to_string(server_->port()));
        return {};
    }
    store_.set_role(role);
    return {};
}

void Replication::stop() {
    std::unique_ptr<ha::HaClient> client;
    std::unique_ptr<ha::HaMaster> server;
    std::shared_ptr<ha::SlaveAckWaiter> waiter;
    {
        std::lock_guard lock(mutex_);
        if (stopped_) return;
        stopped_ = true;
        client = std::move(client_);
        server = std::move(server_);
        waiter = std::move(waiter_);
    }
    relay_->set(nullptr);  // later puts: SLAVE_NOT_AVAILABLE at once
    if (client) client->stop();
    if (server) server->stop();
    if (waiter) waiter->abandon();
    pool_.stop();
}

bool Replication::wait_for_slaves(int64_t end_offset) {
    std::promise<store::PutMessageStatus> answered;
    auto status = answered.get_future();
    relay_->wait_for(end_offset, [&answered](store::PutMessageStatus s) { answered.set_value(s); });
    return status.get() == store::PutMessageStatus::put_ok;
}

uint16_t Replication::port() const {
    std::lock_guard lock(mutex_);
    return server_ ? server_->port() : 0;
}

}  // namespace rmq::broker
