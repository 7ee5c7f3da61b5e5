#pragma once
// Automatic failover on etcd (docs/ha.md): the brokers of one broker name elect their master
// through a lease-backed leader key, and every term of a master is an epoch.
//
// Keys, under /rocketmq/failover/<cluster>/<brokerName>/:
//   leader        {"memberId","brokerAddr","haAddr","epoch"}, on the master's lease
//   epochs        [{"epoch","startOffset","memberId"}, ...]: where each term's log began
//   members/<id>  {"brokerAddr","offset","epoch"}, on each member's lease, every period
// and, on each broker's disk, <storePathRootDir>/failover.json: {"epoch"} of its log's tail.
//
// A master acknowledges puts only until its lease could have expired as it can know it (the
// store's term deadline), so a master cut off from etcd stops acknowledging before another can
// be elected. A member whose log goes past the point its epoch ended (a deposed master, or a
// slave ahead of the new master) rejoins: the broker restarts in-process, truncates its log to
// that point and follows the new master.
#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "config/command_line.hpp"
#include "etcd/etcd_client.hpp"
#include "store/message_store.hpp"

namespace rmq::broker {

struct FailoverSettings {
    std::vector<std::string> endpoints;  // etcdEndpoints
    int64_t lease_ttl_seconds = 10;      // etcdLeaseTtlSeconds
    store::BrokerRole configured_role = store::BrokerRole::async_master;
    store::BrokerRole master_role = store::BrokerRole::async_master;  // what a master runs as
    std::string cluster;
    std::string broker_name;
    int64_t member_id = 0;  // the configured brokerId
    std::string broker_addr;
    std::string ha_addr;
    std::filesystem::path epoch_file;

    /// nullopt without enableEtcdFailover; an error names a setting failover cannot work with.
    static common::Result<std::optional<FailoverSettings>> from(
        const config::BrokerStartup& startup);
    /// The brokerId a member registers with while it is a slave (its configured id + 1, so the
    /// member configured as 0 has one too).
    int64_t slave_broker_id() const { return member_id + 1; }
};

/// What a broker starts as.
struct JoinDecision {
    bool master = false;
    std::string master_broker_addr;  // a slave's master, empty when there is none yet
    std::string master_ha_addr;
};

class EtcdFailover {
  public:
    struct Hooks {
        /// Become the master (Broker::promote).
        std::function<common::Result<void>(store::BrokerRole)> promote;
        /// Replicate from this master (its broker and HA addresses).
        std::function<void(const std::string& broker_addr, const std::string& ha_addr)> follow;
        /// Restart the broker so it rejoins (why, for the log).
        std::function<void(const std::string&)> rejoin;
    };

    EtcdFailover(FailoverSettings settings, store::MessageStore& store);
    ~EtcdFailover();

    /// Before the store starts: takes a lease, reads who is master and, as a slave, truncates
    /// the log to what it shares with the master. Blocks up to `patience` while etcd cannot be
    /// reached or this member's previous lease still holds the leader key.
    common::Result<JoinDecision> join(std::chrono::seconds patience);
    void set_hooks(Hooks hooks) { hooks_ = std::move(hooks); }
    /// The service: renews the lease, reports this member's offset, watches the leader key and,
    /// when it is gone, elects the most advanced member; every lease TTL / 3.
    boost::asio::awaitable<void> run();
    /// A clean stop: a master stops acknowledging, then the lease is revoked so another member
    /// takes over at once instead of after the TTL.
    void resign();

    bool is_master() const { return master_; }
    int64_t epoch() const { return local_epoch_; }

  private:
    boost::asio::awaitable<common::Result<void>> grant();
    boost::asio::awaitable<common::Result<void>> renew();
    boost::asio::awaitable<void> report_offset();
    /// Tries to become the master: true when this member won.
    boost::asio::awaitable<common::Result<bool>> campaign();
    /// Reacts to who holds the leader key now.
    boost::asio::awaitable<void> watch_leader();
    common::Result<void> save_epoch(int64_t epoch);
    /// Stops acknowledging (a master) and asks the broker to restart and rejoin.
    void step_down(const std::string& why);
    std::string key(const std::string& name) const;

    FailoverSettings settings_;
    store::MessageStore& store_;
    etcd::Client etcd_;
    Hooks hooks_;
    int64_t lease_ = 0;
    std::chrono::steady_clock::time_point lease_deadline_{};
    int64_t local_epoch_ = 0;
    bool master_ = false;
    bool rejoining_ = false;
    std::string following_ha_;  // the master this slave replicates from
    int leaderless_rounds_ = 0;
};

}  // namespace rmq::broker
