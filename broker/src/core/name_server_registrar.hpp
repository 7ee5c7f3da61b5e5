#pragma once
// Registration with every name server (BrokerOuterAPI.registerBrokerAll / unregisterBrokerAll,
// spec/behaviours.md §1.2): the broker's topic table as a RegisterBrokerBody with its CRC, sent
// to each address of namesrvAddr; the answers' ORDER_TOPIC_CONFIG marks ordered topics.
#include <atomic>
#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "metadata/topic_config_manager.hpp"
#include "remoting/client.hpp"

namespace rmq::broker {

struct BrokerIdentity {
    std::string cluster_name;
    std::string broker_name;
    int64_t broker_id = 0;
    std::string broker_addr;     // brokerIP1:listenPort
    std::string ha_server_addr;  // brokerIP2:haListenPort
    int32_t broker_permission = 6;
    bool compressed_register = false;
};

class NameServerRegistrar {
  public:
    NameServerRegistrar(BrokerIdentity identity, std::vector<std::string> name_servers,
                        std::chrono::milliseconds timeout)
        : identity_(std::move(identity)),
          permission_(identity_.broker_permission),
          name_servers_(std::move(name_servers)),
          timeout_(timeout) {}

    /// Registers with every name server in parallel, each call bounded by the timeout; returns
    /// how many accepted.
    boost::asio::awaitable<size_t> register_all_async(TopicConfigManager& topics);
    /// The same, blocking (start-up and tests); never call it from the client's own threads.
    size_t register_all(TopicConfigManager& topics);
    /// One-way registration after a topic change, encoded and sent from the registrar's own
    /// thread (returns at once; a burst of changes may share one registration).
    void register_all_oneway(const TopicConfigManager& topics);
    /// Unregisters from every name server in parallel (blocking, at shutdown).
    void unregister_all();
    /// This broker became its group's master (a promoted slave): later registrations say
    /// brokerId 0 and the HA address its slaves connect to.
    void promoted(std::string ha_server_addr);
    /// brokerPermission changed at runtime (UPDATE_BROKER_CONFIG); the next registration
    /// carries it.
    void set_permission(int32_t permission) { permission_.store(permission); }

    std::vector<std::string> name_servers() const;
    /// A new list from the address service; true when it differs from the current one.
    bool set_name_servers(std::vector<std::string> addresses);

    /// Called after each registration with what the first accepting name server's answer says of
    /// the master (its HA address and its remoting address, as RegisterBrokerResult carries them;
    /// empty when it names none). Set before start-up.
    void on_master_named(
        std::function<void(const std::string& ha_server_addr, const std::string& master_addr)>
            listener) {
        master_listener_ = std::move(listener);
    }
    /// Registrations are skipped while `paused` answers true (a master whose failover term is
    /// over must not claim brokerId 0 again). Set before the first registration.
    void pause_while(std::function<bool()> paused) { paused_ = std::move(paused); }

    /// namesrvAddr "host:port;host:port" → addresses.
    static std::vector<std::string> split_addresses(const std::string& list);

  private:
    remoting::RemotingCommand make_request(const TopicConfigManager& topics) const;
    /// `request` to every name server at once; the answers in the order of name_servers().
    boost::asio::awaitable<std::vector<remoting::Result<remoting::RemotingCommand>>> invoke_all(
        remoting::RemotingCommand request);

    BrokerIdentity identity() const;

    mutable std::mutex identity_mutex_;  // the id and HA address change on a promotion
    BrokerIdentity identity_;
    std::atomic<int32_t> permission_;
    std::atomic<bool> oneway_pending_{false};
    mutable std::mutex name_servers_mutex_;
    std::vector<std::string> name_servers_;
    std::chrono::milliseconds timeout_;
    std::function<void(const std::string&, const std::string&)> master_listener_;
    std::function<bool()> paused_;
    remoting::RemotingClient client_;
};

}  // namespace rmq::broker
