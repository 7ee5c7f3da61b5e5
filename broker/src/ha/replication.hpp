#pragma once
// The broker's part in replication (spec/ha.md): a master streams its commit log to its slaves
// on haListenPort and, as a SYNC_MASTER, answers a send once a slave holds it; a slave
// replicates from its master, whose HA address comes from haMasterAddress or, as in 4.9.8, from
// the name servers' answer to its registration. A slave can be promoted to master at runtime
// (a switch-over). The streams run on their own thread.
#include <atomic>
#include <memory>
#include <mutex>
#include <string>

#include "common/error.hpp"
#include "config/command_line.hpp"
#include "ha/ha_client.hpp"
#include "ha/ha_master.hpp"
#include "ha/slave_ack_waiter.hpp"
#include "remoting/io_context_pool.hpp"
#include "store/message_store.hpp"

namespace rmq::broker {

class ReplicaWaitRelay;

class Replication {
  public:
    /// Before the store starts: hooks the puts' wait for a slave (consulted while the store is a
    /// SYNC_MASTER).
    Replication(store::MessageStore& store, const config::BrokerStartup& startup);
    ~Replication();  // stop()
    Replication(const Replication&) = delete;
    Replication& operator=(const Replication&) = delete;

    /// After the store started: every role listens on haListenPort (4.9.8's HAService does, and
    /// a promotion then cannot find its port taken); a slave also starts replicating.
    common::Result<void> start();
    /// A registration named the master's HA address (a slave follows it unless haMasterAddress
    /// is configured).
    void master_named(const std::string& ha_server_addr);
    /// Automatic failover named this slave's master: replicate from it, whatever was configured.
    void follow(const std::string& ha_server_addr);
    /// The store becomes a master in `role` (ASYNC_MASTER or SYNC_MASTER): a slave stops
    /// replicating and its puts start waiting for slaves of its own; a master only changes
    /// whether puts wait for a slave.
    common::Result<void> promote(store::BrokerRole role);
    /// Closes every stream; puts still waiting for a slave are answered FLUSH_SLAVE_TIMEOUT.
    /// The streams' thread ends with it.
    void stop();

    /// A master waits until a slave holds the log up to `end_offset` (at most `slaveTimeout`):
    /// true when one does.
    bool wait_for_slaves(int64_t end_offset);

    /// The HA port listened on (0 before start()).
    uint16_t port() const;

  private:
    /// SYNC_MASTER puts start waiting for the slaves of server_ (under mutex_).
    void wait_for_replicas();

    store::MessageStore& store_;
    remoting::IoContextPool pool_{1};
    int32_t listen_port_;
    std::chrono::milliseconds slave_timeout_;
    std::string configured_master_;  // haMasterAddress; empty: learned from registrations
    std::shared_ptr<ReplicaWaitRelay> relay_;
    mutable std::mutex mutex_;              // the members below change on a promotion
    std::unique_ptr<ha::HaMaster> server_;  // streams this store's log to whoever connects
    std::shared_ptr<ha::SlaveAckWaiter> waiter_;
    std::unique_ptr<ha::HaClient> client_;
    bool stopped_ = false;
};

}  // namespace rmq::broker
