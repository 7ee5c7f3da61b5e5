#pragma once
// One client identity ("ip@instance") on one io_context: the remoting connections, the name
// servers, the routes of every topic in use, heartbeats to the brokers, and the requests
// brokers send to clients. Producers and consumers with the same client id on the same
// io_context share one instance (Java's MQClientInstance).
//
// Threading: everything below runs on the instance's executor (one thread); public methods
// marked "on the executor" must be called there.
#include <atomic>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "core/members.hpp"
#include "core/reply_waiters.hpp"
#include "core/services.hpp"
#include "core/topic_route.hpp"
#include "remoting/client.hpp"
#include "rocketmq/options.hpp"
#include "rocketmq/result.hpp"

namespace rocketmq::detail {

using rmq::remoting::RemotingCommand;
using std::chrono::milliseconds;

class ClientInstance : public std::enable_shared_from_this<ClientInstance> {
  public:
    using Executor = asio::io_context::executor_type;

    /// The instance for this client id on `context`, created on first use.
    static std::shared_ptr<ClientInstance> acquire(asio::io_context& context,
                                                   const ClientOptions& options);
    ClientInstance(asio::io_context& context, const ClientOptions& options, std::string client_id);
    ~ClientInstance();
    ClientInstance(const ClientInstance&) = delete;
    ClientInstance& operator=(const ClientInstance&) = delete;

    const std::string& client_id() const { return client_id_; }
    const ClientOptions& options() const { return options_; }
    Executor executor() const { return context_.get_executor(); }
    /// "<namespace>%name" unless the name is a system resource or already wrapped.
    std::string wrap_namespace(const std::string& name) const;
    std::string unwrap_namespace(const std::string& name) const;

    // ---- members (on the executor). The first member starts the services, the last stops
    // them. Group names must be unique per kind within an instance.
    Result<void> add_producer(std::shared_ptr<ProducerMember> member);
    void remove_producer(const std::string& group);
    Result<void> add_consumer(std::shared_ptr<ConsumerMember> member);
    void remove_consumer(const std::string& group);

    // ---- calls; transport failures and timeouts become Errors naming `what` and the server.
    asio::awaitable<Result<RemotingCommand>> call(std::string addr, RemotingCommand request,
                                                  milliseconds timeout, std::string what);
    asio::awaitable<Result<void>> call_oneway(std::string addr, RemotingCommand request,
                                              milliseconds timeout, std::string what);
    /// To the name server in use; on a transport failure the next one is tried.
    asio::awaitable<Result<RemotingCommand>> call_name_server(RemotingCommand request,
                                                              milliseconds timeout,
                                                              std::string what);

    // ---- routes (on the executor)
    /// The cached route, fetched from the name server when absent.
    asio::awaitable<Result<std::shared_ptr<const TopicRoute>>> route(const std::string& topic);
    /// Fetches the route and replaces the cached one (TOPIC_NOT_EXIST is an error).
    asio::awaitable<Result<std::shared_ptr<const TopicRoute>>> refresh_route(
        const std::string& topic);
    /// The route of `default_topic` applied to `topic` (a topic the broker will create).
    asio::awaitable<Result<std::shared_ptr<const TopicRoute>>> default_route(
        const std::string& topic, const std::string& default_topic, int queue_nums);
    std::shared_ptr<const TopicRoute> cached_route(const std::string& topic) const;
    void forget_route(const std::string& topic);

    /// The master's address of a broker group, "" when unknown.
    std::string master_address(const std::string& broker_name) const;
    struct BrokerAddress {
        std::string addr;
        int64_t id = 0;
        bool slave = false;
    };
    /// Broker `id` of the group, else (unless `only_this`) any other of its brokers.
    std::optional<BrokerAddress> broker_address(const std::string& broker_name, int64_t id,
                                                bool only_this) const;

    // ---- services
    asio::awaitable<void> heartbeat_all();
    /// Whether every master of `route` has accepted one of this client's heartbeats: a broker
    /// pushes replies (request/reply) only to clients it knows.
    bool heartbeat_reached_masters(const TopicRoute& route) const;
    /// Runs every consumer's rebalance now (NOTIFY_CONSUMER_IDS_CHANGED, a new consumer).
    void rebalance_soon();
    /// UNREGISTER_CLIENT to every broker known, for the group that left.
    asio::awaitable<void> unregister(std::string producer_group, std::string consumer_group);

    rmq::remoting::RemotingClient& remoting() { return *remoting_; }
    /// Requests of this client's producers waiting for their replies.
    ReplyWaiters& replies() { return replies_; }

  private:
    void start_services();
    /// With no member left: stop the services and close the connections, so that an
    /// io_context the caller runs can run out of work.
    void retire_if_unused();
    asio::awaitable<void> refresh_all_routes();
    asio::awaitable<void> persist_all_offsets();
    asio::awaitable<void> rebalance_all();
    asio::awaitable<void> fetch_name_servers();
    void register_processors();
    void rebuild_address_table();
    std::vector<std::string> topics_in_use() const;
    std::vector<std::shared_ptr<ProducerMember>> producer_members() const;
    std::vector<std::shared_ptr<ConsumerMember>> consumer_members() const;
    std::shared_ptr<ProducerMember> find_producer(const std::string& group) const;
    std::shared_ptr<ConsumerMember> find_consumer(const std::string& group) const;

    asio::io_context& context_;
    ClientOptions options_;
    std::string client_id_;
    std::shared_ptr<rmq::remoting::IoContextPool> pool_;
    std::unique_ptr<rmq::remoting::RemotingClient> remoting_;
    Services services_;
    bool services_started_ = false;
    /// The last member left: connections closed, services stopped; acquire() makes a new one.
    std::atomic<bool> retired_{false};
    size_t rebalance_service_ = 0;

    std::vector<std::string> name_servers_;
    size_t name_server_index_ = 0;
    std::string name_server_url_;

    std::map<std::string, std::shared_ptr<const TopicRoute>> routes_;
    BrokerAddressTable brokers_;
    mutable std::mutex members_mutex_;  // start() and shutdown() may run on callers' threads
    std::map<std::string, std::weak_ptr<ProducerMember>> producers_;
    std::map<std::string, std::weak_ptr<ConsumerMember>> consumers_;
    ReplyWaiters replies_;
    mutable std::mutex heartbeat_mutex_;
    std::set<std::string> heartbeat_reached_;  // broker addresses that accepted a heartbeat

    friend class ServerRequests;
};

/// Java's client id: "<ip>@<instance>[@<unit>]"; instance "DEFAULT" becomes "<pid>#<nanos>".
std::string build_client_id(const ClientOptions& options);

}  // namespace rocketmq::detail
