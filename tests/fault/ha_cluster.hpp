#pragma once
// The 2m-2s cluster of the HA fault tests, as real processes on loopback: two name servers, and
// brokers broker-a and broker-b, each a master (brokerId 0) with one slave (brokerId 1). Any
// broker can be SIGKILLed and restarted on its store, or stopped and continued.
#include <array>
#include <csignal>
#include <string>
#include <vector>

#include "free_ports.hpp"
#include "server_processes.hpp"

namespace rmq::test {

class HaCluster {
  public:
    static constexpr std::array<const char*, 2> kBrokerNames{"broker-a", "broker-b"};
    static constexpr int kLeaseTtlSeconds = 3;

    /// `master_role`: SYNC_MASTER or ASYNC_MASTER. With `etcd_endpoint`, the brokers run with
    /// automatic failover on it (lease TTL kLeaseTtlSeconds), each on fixed ports that a restart
    /// keeps, since the leader key names them.
    /// `promoted_role`: failoverMasterRole, what an elected slave runs as.
    explicit HaCluster(std::string master_role, std::string etcd_endpoint = {},
                       std::string promoted_role = "ASYNC_MASTER")
        : master_role_(std::move(master_role)),
          etcd_endpoint_(std::move(etcd_endpoint)),
          promoted_role_(std::move(promoted_role)) {
        if (!etcd_endpoint_.empty())
            for (auto& group : ports_)
                for (int& port : group)
                    port = free_port_block();
        namesrvs_[0] = start_namesrv(dir_, "ns1");
        namesrvs_[1] = start_namesrv(dir_, "ns2");
        namesrv_list_ = namesrvs_[0].addr + ";" + namesrvs_[1].addr;
        for (size_t b = 0; b < kBrokerNames.size(); ++b)
            for (int id = 0; id < 2; ++id)
                start(b, id);
    }

    const std::string& namesrv_list() const { return namesrv_list_; }
    const std::string& first_namesrv() const { return namesrvs_[0].addr; }
    /// broker `b` (0 = broker-a), id 0 = its master, 1 = its slave.
    ServerProcess& broker(size_t b, int id) { return brokers_[b][id]; }
    const TempDir& dir() const { return dir_; }

    /// Starts the broker, or restarts it on its store (on a new port).
    void start(size_t b, int id) {
        std::vector<std::string> settings{
            std::string("brokerName=") + kBrokerNames[b], "brokerId=" + std::to_string(id),
            "brokerRole=" + (id == 0 ? master_role_ : std::string("SLAVE")),
            // A restarted master has a new port: its slave learns it at the next registration.
            "registerNameServerPeriod=10000"};
        if (!etcd_endpoint_.empty()) {
            settings.push_back("listenPort=" + std::to_string(ports_[b][id]));
            settings.push_back("enableEtcdFailover=true");
            settings.push_back("etcdEndpoints=" + etcd_endpoint_);
            settings.push_back("etcdLeaseTtlSeconds=" + std::to_string(kLeaseTtlSeconds));
            settings.push_back("failoverMasterRole=" + promoted_role_);
        }
        auto& slot = brokers_[b][id];
        slot.process.reset();
        slot = start_broker(dir_, std::string(kBrokerNames[b]) + (id == 0 ? "-m" : "-s"),
                            namesrv_list_, settings);
    }
    void kill(size_t b, int id) {
        auto& p = *brokers_[b][id].process;
        p.signal(SIGKILL);
        p.wait_exit(std::chrono::seconds(10));
    }
    void pause(size_t b, int id) { brokers_[b][id].process->signal(SIGSTOP); }
    void resume(size_t b, int id) { brokers_[b][id].process->signal(SIGCONT); }

  private:
    std::string master_role_;
    std::string etcd_endpoint_;
    std::string promoted_role_;
    std::array<std::array<int, 2>, 2> ports_{};
    TempDir dir_;
    std::array<ServerProcess, 2> namesrvs_;
    std::string namesrv_list_;
    std::array<std::array<ServerProcess, 2>, 2> brokers_;
};

}  // namespace rmq::test
