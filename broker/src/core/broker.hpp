#pragma once
// mqbroker as a class (BrokerController): opens the broker's context (store, topics, groups,
// offsets), starts the services (delayed delivery and transaction checks on a master), serves
// every request code of src/handlers.cpp on the remoting port, registers with every name server
// at start, every registerNameServerPeriod and after topic changes, and unregisters on shutdown.
#include <array>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/thread_pool.hpp>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "config/command_line.hpp"
#include "core/broker_context.hpp"
#include "ha/etcd_failover.hpp"
#include "ha/slave_metadata_sync.hpp"
#include "remoting/server.hpp"
#include "service/service_runner.hpp"

namespace rmq::broker {

class Broker {
  public:
    /// `startup` is what the command line and -c file produced (config::parse_broker_command_line).
    explicit Broker(config::BrokerStartup startup);
    ~Broker();

    /// Opens the store and the metadata, starts the services and listens; the error says what
    /// failed, with the code of the module that failed.
    common::Result<void> start();
    /// Unregisters, stops serving (in-flight requests finish), shuts the store down cleanly.
    void shutdown();

    uint16_t port() const;
    const std::string& broker_addr() const { return context_->identity.broker_addr; }
    TopicConfigManager& topics() { return *context_->topics; }
    /// Registers with every name server now (tests, and after changes).
    size_t register_now();
    /// A switch-over: a slave becomes its group's master in `role` (ASYNC_MASTER or
    /// SYNC_MASTER) — it stops replicating, listens for slaves, starts delayed delivery and
    /// transaction checks and registers as brokerId 0; a master only changes whether its puts
    /// wait for a slave.
    common::Result<void> promote(store::BrokerRole role);
    /// Under automatic failover, called (once) when this broker must restart to rejoin its
    /// group as a slave: it was deposed, or its log went past a new master's (mqbroker's main
    /// then shuts it down and starts it again). Set before start().
    void on_rejoin(std::function<void(const std::string& why)> handler) {
        rejoin_handler_ = std::move(handler);
    }

  private:
    /// enableEtcdFailover: joins the group through etcd and starts as what it decides (before
    /// the store starts).
    common::Result<void> join_failover_group();
    /// ScheduleService on a master: delayOffset.json loaded and clamped, levels running.
    common::Result<void> start_schedule_service();
    /// TransactionalMessageCheckService on a master: unresolved half messages checked with their
    /// producers every transactionCheckInterval.
    void start_transaction_check_service();
    /// A remoting server answering every request code of the handler table.
    std::unique_ptr<remoting::RemotingServer> serve(const remoting::ServerConfig& config);
    void start_registrar();
    /// Stats every second, client expiry every 10 s, the consumer-offset flush: each its own
    /// service, none waiting for another (or for a name server).
    void start_periodic_services();
    /// Registration every registerNameServerPeriod, and the address service's list every 2 min.
    boost::asio::awaitable<void> registration_service();
    /// fetchNamesrvAddrByAddressServer: the list from the address service; true if it changed.
    bool fetch_name_servers();
    void persist_offsets();
    /// Records each queue's end as this broker becomes a master (PromotionFence).
    void arm_promotion_fence();
    /// topics.json's and subscriptionGroup.json's writers.
    std::array<MetadataWriter*, 2> metadata_writers();

    config::BrokerStartup startup_;  // moved into the context by start()
    /// The services' threads, where their blocking work (file writes) may run; before the
    /// context, whose services run on it.
    std::unique_ptr<boost::asio::thread_pool> service_pool_;
    std::unique_ptr<BrokerContext> context_;
    std::unique_ptr<service::ServiceRunner> services_;
    std::string address_service_url_;  // set when name servers come from the address service
    std::unique_ptr<remoting::RemotingServer> server_;
    std::unique_ptr<remoting::RemotingServer> vip_server_;  // listenPort − 2; none when ephemeral
    std::unique_ptr<SlaveMetadataSync> metadata_sync_;      // a slave's only
    std::unique_ptr<EtcdFailover> failover_;                // with enableEtcdFailover only
    std::function<void(const std::string&)> rejoin_handler_;
    std::string startup_master_addr_;  // the master failover named at start (a slave's)
    std::mutex mutex_;
    bool stopping_ = false;
};

}  // namespace rmq::broker
