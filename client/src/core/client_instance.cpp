#include "core/client_instance.hpp"

#include <unistd.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <mutex>

#include "body/heartbeat_data.hpp"
#include "common/log.hpp"
#include "core/errors.hpp"
#include "core/name_servers.hpp"
#include "core/requests.hpp"
#include "http/address_fetcher.hpp"
#include "message/host_address.hpp"
#include "message/message_id.hpp"
#include "proto/headers.hpp"
#include "proto/request_code.hpp"
#include "proto/response_code.hpp"

namespace rocketmq::detail {

namespace proto = rmq::proto;
using proto::RequestCode;
using proto::ResponseCode;

namespace {

constexpr auto kNameServerPollInterval = std::chrono::minutes(2);
/// Java's MixAll.CLIENT_INNER_PRODUCER_GROUP, which every Java client reports in heartbeats.
constexpr const char* kClientInnerProducerGroup = "CLIENT_INNER_PRODUCER";

struct Registry {
    std::mutex mutex;
    std::map<std::pair<asio::io_context*, std::string>, std::weak_ptr<ClientInstance>> instances;
};
Registry& registry() {
    static Registry r;
    return r;
}

bool is_system_resource(const std::string& name) {
    static const char* const kSystem[] = {"TBW102",
                                          "SCHEDULE_TOPIC_XXXX",
                                          "BenchmarkTest",
                                          "RMQ_SYS_TRANS_HALF_TOPIC",
                                          "RMQ_SYS_TRACE_TOPIC",
                                          "RMQ_SYS_TRANS_OP_HALF_TOPIC",
                                          "TRANS_CHECK_MAX_TIME_TOPIC",
                                          "SELF_TEST_TOPIC",
                                          "OFFSET_MOVED_EVENT",
                                          "CLIENT_INNER_PRODUCER",
                                          "TOOLS_CONSUMER",
                                          "FILTERSRV_CONSUMER",
                                          "__MONITOR_CONSUMER",
                                          "SELF_TEST_P_GROUP",
                                          "SELF_TEST_C_GROUP",
                                          "CID_ONS-HTTP-PROXY",
                                          "CID_ONSAPI_PERMISSION",
                                          "CID_ONSAPI_OWNER",
                                          "CID_ONSAPI_PULL",
                                          "CID_RMQ_SYS_TRANS"};
    for (const char* s : kSystem)
        if (name == s) return true;
    return name.starts_with("rmq_sys_");
}

}  // namespace

std::string build_client_id(const ClientOptions& options) {
    std::string ip = options.client_ip;
    if (ip.empty()) ip = rmq::message::local_client_ip().to_string();
    std::string instance = options.instance_name;
    if (instance == "DEFAULT") {
        const auto nanos = std::chrono::steady_clock::now().time_since_epoch().count();
        instance = std::to_string(::getpid()) + "#" + std::to_string(nanos);
    }
    std::string id = ip + "@" + instance;
    if (!options.unit_name.empty()) id += "@" + options.unit_name;
    return id;
}

std::shared_ptr<ClientInstance> ClientInstance::acquire(asio::io_context& context,
                                                        const ClientOptions& options) {
    auto id = build_client_id(options);
    auto& r = registry();
    std::lock_guard lock(r.mutex);
    std::erase_if(r.instances, [](const auto& entry) { return entry.second.expired(); });
    auto& slot = r.instances[{&context, id}];
    if (auto existing = slot.lock(); existing && !existing->retired_) return existing;
    auto created = std::make_shared<ClientInstance>(context, options, std::move(id));
    slot = created;
    return created;
}

ClientInstance::ClientInstance(asio::io_context& context, const ClientOptions& options,
                               std::string client_id)
    : context_(context),
      options_(options),
      client_id_(std::move(client_id)),
      pool_(std::make_shared<rmq::remoting::IoContextPool>(context)),
      remoting_(std::make_unique<rmq::remoting::RemotingClient>(
          rmq::remoting::ClientConfig{
              .io_threads = 1, .connect_timeout = options.client_api_timeout, .connection = {}},
          pool_)),
      services_(context.get_executor()),
      name_servers_(configured_name_servers(options)),
      name_server_url_(name_servers_.empty() ? name_server_service_url(options) : "") {
    register_processors();
}

ClientInstance::~ClientInstance() {
    services_.stop();
    remoting_->close();
}

std::string ClientInstance::wrap_namespace(const std::string& name) const {
    const auto& ns = options_.name_space;
    if (ns.empty() || name.empty() || is_system_resource(name)) return name;
    for (const char* prefix : {"%RETRY%", "%DLQ%"}) {
        if (name.starts_with(prefix)) {
            const std::string rest = name.substr(std::string_view(prefix).size());
            return prefix + wrap_namespace(rest);
        }
    }
    if (name.starts_with(ns + "%")) return name;
    return ns + "%" + name;
}

std::string ClientInstance::unwrap_namespace(const std::string& name) const {
    const auto& ns = options_.name_space;
    if (ns.empty()) return name;
    for (const char* prefix : {"%RETRY%", "%DLQ%"}) {
        if (name.starts_with(prefix))
            return prefix + unwrap_namespace(name.substr(std::string_view(prefix).size()));
    }
    if (name.starts_with(ns + "%")) return name.substr(ns.size() + 1);
    return name;
}

// ---- members --------------------------------------------------------------------------------

Result<void> ClientInstance::add_producer(std::shared_ptr<ProducerMember> member) {
    const auto group = member->group();
    {
        std::lock_guard lock(members_mutex_);
        if (auto it = producers_.find(group); it != producers_.end() && !it->second.expired())
            return make_error(ErrorKind::invalid_state,
                              "the producer group " + group + " is already in use by client "
                                  + client_id_ + "; give each producer its own instance_name");
        producers_[group] = member;
    }
    start_services();
    return {};
}

void ClientInstance::remove_producer(const std::string& group) {
    {
        std::lock_guard lock(members_mutex_);
        producers_.erase(group);
    }
    retire_if_unused();
}

Result<void> ClientInstance::add_consumer(std::shared_ptr<ConsumerMember> member) {
    const auto group = member->group();
    {
        std::lock_guard lock(members_mutex_);
        if (auto it = consumers_.find(group); it != consumers_.end() && !it->second.expired())
            return make_error(ErrorKind::invalid_state,
                              "the consumer group " + group + " is already in use by client "
                                  + client_id_ + "; give each consumer its own instance_name");
        consumers_[group] = member;
    }
    start_services();
    return {};
}

void ClientInstance::remove_consumer(const std::string& group) {
    {
        std::lock_guard lock(members_mutex_);
        consumers_.erase(group);
    }
    retire_if_unused();
}

void ClientInstance::retire_if_unused() {
    {
        std::lock_guard lock(members_mutex_);
        if (!producers_.empty() || !consumers_.empty() || retired_) return;
        retired_ = true;
    }
    services_.stop();
    remoting_->close();
}

std::vector<std::shared_ptr<ProducerMember>> ClientInstance::producer_members() const {
    std::lock_guard lock(members_mutex_);
    std::vector<std::shared_ptr<ProducerMember>> out;
    for (const auto& [group, weak] : producers_)
        if (auto p = weak.lock()) out.push_back(std::move(p));
    return out;
}

std::vector<std::shared_ptr<ConsumerMember>> ClientInstance::consumer_members() const {
    std::lock_guard lock(members_mutex_);
    std::vector<std::shared_ptr<ConsumerMember>> out;
    for (const auto& [group, weak] : consumers_)
        if (auto c = weak.lock()) out.push_back(std::move(c));
    return out;
}

std::shared_ptr<ProducerMember> ClientInstance::find_producer(const std::string& group) const {
    std::lock_guard lock(members_mutex_);
    auto it = producers_.find(group);
    return it == producers_.end() ? nullptr : it->second.lock();
}

std::shared_ptr<ConsumerMember> ClientInstance::find_consumer(const std::string& group) const {
    std::lock_guard lock(members_mutex_);
    auto it = consumers_.find(group);
    return it == consumers_.end() ? nullptr : it->second.lock();
}

void ClientInstance::start_services() {
    {
        std::lock_guard lock(members_mutex_);
        if (services_started_) return;
        services_started_ = true;
    }
    auto self = weak_from_this();
    auto task = [self](auto fn) {
        return [self, fn]() -> asio::awaitable<void> {
            if (auto s = self.lock()) co_await ((*s).*fn)();
        };
    };
    if (!name_server_url_.empty())
        services_.spawn_periodic("fetch name-server addresses", std::chrono::milliseconds(0),
                                 kNameServerPollInterval,
                                 task(&ClientInstance::fetch_name_servers));
    services_.spawn_periodic("route refresh", std::chrono::milliseconds(10),
                             options_.poll_name_server_interval,
                             task(&ClientInstance::refresh_all_routes));
    services_.spawn_periodic("heartbeat", std::chrono::milliseconds(1000),
                             options_.heartbeat_broker_interval,
                             task(&ClientInstance::heartbeat_all));
    services_.spawn_periodic("offset persistence", std::chrono::milliseconds(10'000),
                             options_.persist_consumer_offset_interval,
                             task(&ClientInstance::persist_all_offsets));
    rebalance_service_ = services_.spawn_periodic("rebalance", std::chrono::milliseconds(20'000),
                                                  std::chrono::milliseconds(20'000),
                                                  task(&ClientInstance::rebalance_all));
}

std::vector<std::string> ClientInstance::topics_in_use() const {
    std::vector<std::string> topics;
    for (const auto& p : producer_members())
        for (auto& t : p->topics())
            topics.push_back(std::move(t));
    for (const auto& c : consumer_members())
        for (auto& t : c->topics())
            topics.push_back(std::move(t));
    std::sort(topics.begin(), topics.end());
    topics.erase(std::unique(topics.begin(), topics.end()), topics.end());
    return topics;
}

// ---- calls ----------------------------------------------------------------------------------

asio::awaitable<Result<RemotingCommand>> ClientInstance::call(std::string addr,
                                                              RemotingCommand request,
                                                              milliseconds timeout,
                                                              std::string what) {
    auto response = co_await remoting_->invoke(addr, std::move(request), timeout);
    if (!response) co_return transport_error(response.error(), what, addr);
    co_return std::move(*response);
}

asio::awaitable<Result<void>> ClientInstance::call_oneway(std::string addr, RemotingCommand request,
                                                          milliseconds timeout, std::string what) {
    auto sent = co_await remoting_->invoke_oneway(addr, std::move(request), timeout);
    if (!sent) co_return transport_error(sent.error(), what, addr);
    co_return Result<void>{};
}

asio::awaitable<Result<RemotingCommand>> ClientInstance::call_name_server(RemotingCommand request,
                                                                          milliseconds timeout,
                                                                          std::string what) {
    if (name_servers_.empty() && !name_server_url_.empty()) co_await fetch_name_servers();
    if (name_servers_.empty())
        co_return make_error(ErrorKind::no_name_server,
                             "no name-server address: set ClientOptions::namesrv_addr, the "
                             "rocketmq.namesrv.addr property or NAMESRV_ADDR");
    std::optional<Error> last;
    for (size_t attempt = 0; attempt < name_servers_.size(); ++attempt) {
        const auto addr = name_servers_[name_server_index_ % name_servers_.size()];
        auto response = co_await remoting_->invoke(addr, request, timeout);
        if (response) co_return std::move(*response);
        last = transport_error(response.error(), what, addr);
        if (last->kind == ErrorKind::invalid_state) break;
        ++name_server_index_;  // Java moves on to the next name server after a failure
    }
    co_return *last;
}

asio::awaitable<void> ClientInstance::fetch_name_servers() {
    auto list =
        co_await rmq::http::fetch_address_list_async(name_server_url_, options_.client_api_timeout);
    if (!list) {
        rmq::log::warn("client", "name-server address service: " + list.error().message);
        co_return;
    }
    auto addresses = split_addresses(*list);
    if (!addresses.empty() && addresses != name_servers_) {
        rmq::log::info("client", "name-server addresses now " + *list);
        name_servers_ = std::move(addresses);
        name_server_index_ = 0;
    }
}

// ---- routes ---------------------------------------------------------------------------------

std::shared_ptr<const TopicRoute> ClientInstance::cached_route(const std::string& topic) const {
    auto it = routes_.find(topic);
    return it == routes_.end() ? nullptr : it->second;
}

void ClientInstance::forget_route(const std::string& topic) {
    routes_.erase(topic);
}

asio::awaitable<Result<std::shared_ptr<const TopicRoute>>> ClientInstance::route(
    const std::string& topic) {
    if (auto cached = cached_route(topic)) co_return cached;
    co_return co_await refresh_route(topic);
}

namespace {

asio::awaitable<Result<rmq::body::TopicRouteData>> fetch_route_data(ClientInstance& client,
                                                                    const std::string& topic) {
    proto::GetRouteInfoRequestHeader header;
    header.topic = topic;
    const std::string what = "route lookup of " + topic;
    auto response = co_await client.call_name_server(
        make_request(proto::to_int(RequestCode::GET_ROUTEINFO_BY_TOPIC), header),
        client.options().client_api_timeout, what);
    if (!response) co_return response.error();
    if (response->code == proto::to_int(ResponseCode::TOPIC_NOT_EXIST)) {
        auto e = refused(*response, what, {});
        e.kind = ErrorKind::no_route;
        e.reason = "no route for topic " + topic + " on the name servers (TOPIC_NOT_EXIST)";
        co_return e;
    }
    if (response->code != 0) co_return refused(*response, what, {});
    auto data = rmq::body::TopicRouteData::decode(response->body);
    if (!data)
        co_return make_error(ErrorKind::bad_response,
                             "cannot decode the route of " + topic + ": " + data.error().message);
    co_return std::move(*data);
}

}  // namespace

asio::awaitable<Result<std::shared_ptr<const TopicRoute>>> ClientInstance::refresh_route(
    const std::string& topic) {
    auto data = co_await fetch_route_data(*this, topic);
    if (!data) co_return data.error();
    auto route = std::make_shared<const TopicRoute>(make_topic_route(topic, std::move(*data)));
    routes_[topic] = route;
    rebuild_address_table();
    co_return route;
}

asio::awaitable<Result<std::shared_ptr<const TopicRoute>>> ClientInstance::default_route(
    const std::string& topic, const std::string& default_topic, int queue_nums) {
    auto data = co_await fetch_route_data(*this, default_topic);
    if (!data) co_return data.error();
    auto route =
        std::make_shared<const TopicRoute>(make_default_route(topic, std::move(*data), queue_nums));
    routes_[topic] = route;
    rebuild_address_table();
    co_return route;
}

void ClientInstance::rebuild_address_table() {
    BrokerAddressTable table;
    for (const auto& [topic, route] : routes_)
        for (const auto& broker : route->data.broker_datas)
            for (const auto& [id, addr] : broker.broker_addrs)
                table[broker.broker_name][id] = addr;
    brokers_ = std::move(table);
}

std::string ClientInstance::master_address(const std::string& broker_name) const {
    auto it = brokers_.find(broker_name);
    if (it == brokers_.end()) return {};
    auto master = it->second.find(0);
    return master == it->second.end() ? std::string() : master->second;
}

std::optional<ClientInstance::BrokerAddress> ClientInstance::broker_address(
    const std::string& broker_name, int64_t id, bool only_this) const {
    auto it = brokers_.find(broker_name);
    if (it == brokers_.end() || it->second.empty()) return std::nullopt;
    if (auto exact = it->second.find(id); exact != it->second.end())
        return BrokerAddress{exact->second, id, id != 0};
    if (only_this) return std::nullopt;
    const auto& [any_id, addr] = *it->second.begin();
    return BrokerAddress{addr, any_id, any_id != 0};
}

asio::awaitable<void> ClientInstance::refresh_all_routes() {
    for (const auto& topic : topics_in_use()) {
        auto refreshed = co_await refresh_route(topic);
        // A topic not created yet keeps the default topic's route it was sent through.
        if (!refreshed && refreshed.error().kind != ErrorKind::no_route)
            rmq::log::debug("client", refreshed.error().message());
    }
}

// ---- heartbeats, offsets, rebalance ----------------------------------------------------------

asio::awaitable<void> ClientInstance::heartbeat_all() {
    rmq::body::HeartbeatData data;
    data.client_id = client_id_;
    for (const auto& p : producer_members())
        data.producer_data_set.push_back({p->group()});
    for (const auto& c : consumer_members())
        data.consumer_data_set.push_back(c->consumer_data());
    if (data.producer_data_set.empty() && data.consumer_data_set.empty()) co_return;
    data.producer_data_set.push_back({kClientInnerProducerGroup});
    const bool producers_only = data.consumer_data_set.empty();
    const std::string body = data.encode();
    const auto brokers = brokers_;
    for (const auto& [name, addrs] : brokers) {
        for (const auto& [id, addr] : addrs) {
            if (producers_only && id != 0) continue;  // slaves take no sends
            auto request = make_request(proto::to_int(RequestCode::HEART_BEAT));
            request.body = body;
            auto response =
                co_await call(addr, std::move(request), options_.client_api_timeout, "heartbeat");
            if (!response) {
                rmq::log::warn("client", response.error().message());
            } else if (response->code != 0) {
                rmq::log::warn("client", refused(*response, "heartbeat", addr).message());
            } else {
                std::lock_guard lock(heartbeat_mutex_);
                heartbeat_reached_.insert(addr);
            }
        }
    }
}

bool ClientInstance::heartbeat_reached_masters(const TopicRoute& route) const {
    std::lock_guard lock(heartbeat_mutex_);
    for (const auto& broker : route.data.broker_datas) {
        const auto master = broker.broker_addrs.find(0);
        if (master != broker.broker_addrs.end() && !heartbeat_reached_.contains(master->second))
            return false;
    }
    return true;
}

asio::awaitable<void> ClientInstance::persist_all_offsets() {
    for (const auto& c : consumer_members())
        co_await c->persist_offsets();
}

asio::awaitable<void> ClientInstance::rebalance_all() {
    for (const auto& c : consumer_members())
        co_await c->rebalance();
}

void ClientInstance::rebalance_soon() {
    services_.wake(rebalance_service_);
}

asio::awaitable<void> ClientInstance::unregister(std::string producer_group,
                                                 std::string consumer_group) {
    proto::UnregisterClientRequestHeader header;
    header.clientID = client_id_;
    if (!producer_group.empty()) header.producerGroup = producer_group;
    if (!consumer_group.empty()) header.consumerGroup = consumer_group;
    const auto brokers = brokers_;
    for (const auto& [name, addrs] : brokers) {
        for (const auto& [id, addr] : addrs) {
            auto response = co_await call(
                addr, make_request(proto::to_int(RequestCode::UNREGISTER_CLIENT), header),
                options_.client_api_timeout, "unregister");
            if (!response) rmq::log::debug("client", response.error().message());
        }
    }
}

}  // namespace rocketmq::detail
