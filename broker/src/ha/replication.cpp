#include "ha/replication.hpp"

#include <chrono>

#include "common/log.hpp"

namespace rmq::broker {

Replication::Replication(store::MessageStore& store, const config::BrokerStartup& startup)
    : store_(store),
      listen_port_(startup.ha_listen_port()),
      configured_master_(startup.store_extras.get("haMasterAddress")) {
    pool_.start();
    const auto executor = pool_.at(0).get_executor();
    const auto role = startup.store.broker_role;
    if (role == store::BrokerRole::slave) {
        client_ = std::make_unique<ha::HaClient>(executor, store_);
        return;
    }
    master_ = std::make_unique<ha::HaMaster>(executor, store_);
    if (role == store::BrokerRole::sync_master) {
        waiter_ = std::make_shared<ha::SlaveAckWaiter>(
            *master_, executor,
            std::chrono::milliseconds(startup.store_extras.get_int("slaveTimeout")));
        waiter_->start();
        store_.set_replica_waiter(waiter_);
    }
}

Replication::~Replication() {
    stop();
}

common::Result<void> Replication::start() {
    if (master_) return master_->listen("0.0.0.0", static_cast<uint16_t>(listen_port_));
    client_->start(configured_master_);
    return {};
}

void Replication::master_named(const std::string& ha_server_addr) {
    if (client_ && configured_master_.empty() && !ha_server_addr.empty() && !stopped_)
        client_->set_master(ha_server_addr);
}

void Replication::stop() {
    if (stopped_.exchange(true)) return;
    if (client_) client_->stop();
    if (master_) master_->stop();
    if (waiter_) waiter_->abandon();
    pool_.stop();
}

}  // namespace rmq::broker
