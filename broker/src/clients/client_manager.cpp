#include "clients/client_manager.hpp"

#include <random>
#include <set>

#include "common/wall_clock.hpp"
#include "remoting/connection.hpp"

namespace rmq::broker {

bool ClientManager::register_consumer(const body::ConsumerData& data, ClientChannel channel) {
    std::lock_guard lock(mutex_);
    auto& group = consumers_[data.group_name];
    group.settings.group_name = data.group_name;
    group.settings.consume_type = data.consume_type;
    group.settings.message_model = data.message_model;
    group.settings.consume_from_where = data.consume_from_where;

    const auto* key = channel.connection.get();
    auto [it, is_new] = group.channels.try_emplace(key, channel);
    if (!is_new) {
        // A client id change on the same connection counts as a new member (Java compares it).
        if (it->second.client_id != channel.client_id) is_new = true;
        it->second = std::move(channel);
    }

    // Subscriptions: add new topics, keep the newest version of each, drop topics not listed.
    bool subscriptions_changed = false;
    std::set<std::string> listed;
    for (const auto& sub : data.subscription_data_set) {
        listed.insert(sub.topic);
        auto existing = group.subscriptions.find(sub.topic);
        if (existing == group.subscriptions.end()) {
            group.subscriptions.emplace(sub.topic, sub);
            subscriptions_changed = true;
        } else if (sub.sub_version > existing->second.sub_version) {
            existing->second = sub;
        }
    }
    for (auto s = group.subscriptions.begin(); s != group.subscriptions.end();) {
        if (!listed.contains(s->first)) {
            s = group.subscriptions.erase(s);
            subscriptions_changed = true;
        } else {
            ++s;
        }
    }
    return is_new || subscriptions_changed;
}

void ClientManager::register_producer(const std::string& group, ClientChannel channel) {
    std::lock_guard lock(mutex_);
    const auto* key = channel.connection.get();
    producers_[group].insert_or_assign(key, std::move(channel));
}

bool ClientManager::unregister_consumer(const std::string& group,
                                        const remoting::Connection* connection) {
    std::lock_guard lock(mutex_);
    auto g = consumers_.find(group);
    if (g == consumers_.end() || g->second.channels.erase(connection) == 0) return false;
    if (g->second.channels.empty()) consumers_.erase(g);
    return true;
}

std::shared_ptr<remoting::Connection> ClientManager::find_producer(
    std::string_view client_id) const {
    std::lock_guard lock(mutex_);
    for (const auto& [group, channels] : producers_)
        for (const auto& [key, channel] : channels)
            if (channel.client_id == client_id && channel.connection
                && channel.connection->is_open())
                return channel.connection;
    return nullptr;
}

void ClientManager::unregister_producer(const std::string& group,
                                        const remoting::Connection* connection) {
    std::lock_guard lock(mutex_);
    auto g = producers_.find(group);
    if (g == producers_.end()) return;
    g->second.erase(connection);
    if (g->second.empty()) producers_.erase(g);
}

std::vector<std::string> ClientManager::connection_closed(const remoting::Connection* connection) {
    std::lock_guard lock(mutex_);
    std::vector<std::string> changed;
    for (auto g = consumers_.begin(); g != consumers_.end();) {
        if (g->second.channels.erase(connection) > 0) changed.push_back(g->first);
        g = g->second.channels.empty() ? consumers_.erase(g) : std::next(g);
    }
    for (auto g = producers_.begin(); g != producers_.end();) {
        g->second.erase(connection);
        g = g->second.empty() ? producers_.erase(g) : std::next(g);
    }
    return changed;
}

std::vector<std::string> ClientManager::expire(std::chrono::milliseconds expiry,
                                               Clock::time_point now) {
    std::lock_guard lock(mutex_);
    std::vector<std::string> changed;
    const auto stale = [&](const auto& kv) { return kv.second.last_update + expiry < now; };
    for (auto g = consumers_.begin(); g != consumers_.end();) {
        if (std::erase_if(g->second.channels, stale) > 0) changed.push_back(g->first);
        g = g->second.channels.empty() ? consumers_.erase(g) : std::next(g);
    }
    for (auto g = producers_.begin(); g != producers_.end();) {
        std::erase_if(g->second, stale);
        g = g->second.empty() ? producers_.erase(g) : std::next(g);
    }
    return changed;
}

std::vector<std::string> ClientManager::consumer_ids(std::string_view group) const {
    std::lock_guard lock(mutex_);
    std::vector<std::string> ids;
    auto g = consumers_.find(group);
    if (g == consumers_.end()) return ids;
    for (const auto& [key, channel] : g->second.channels)
        ids.push_back(channel.client_id);
    return ids;
}

std::vector<std::shared_ptr<remoting::Connection>> ClientManager::consumer_connections(
    std::string_view group) const {
    std::lock_guard lock(mutex_);
    std::vector<std::shared_ptr<remoting::Connection>> out;
    auto g = consumers_.find(group);
    if (g == consumers_.end()) return out;
    for (const auto& [key, channel] : g->second.channels)
        out.push_back(channel.connection);
    return out;
}

std::vector<ClientChannel> ClientManager::consumer_channels(std::string_view group) const {
    std::lock_guard lock(mutex_);
    std::vector<ClientChannel> out;
    auto g = consumers_.find(group);
    if (g == consumers_.end()) return out;
    for (const auto& [key, channel] : g->second.channels)
        out.push_back(channel);
    return out;
}

std::optional<body::SubscriptionData> ClientManager::subscription(std::string_view group,
                                                                  std::string_view topic) const {
    std::lock_guard lock(mutex_);
    auto g = consumers_.find(group);
    if (g == consumers_.end()) return std::nullopt;
    auto s = g->second.subscriptions.find(std::string(topic));
    if (s == g->second.subscriptions.end()) return std::nullopt;
    return s->second;
}

bool ClientManager::has_consumer_group(std::string_view group) const {
    std::lock_guard lock(mutex_);
    return consumers_.find(group) != consumers_.end();
}

}  // namespace rmq::broker

namespace rmq::broker {

namespace {

body::Connection connection_of(const ClientChannel& channel) {
    body::Connection c;
    c.client_id = channel.client_id;
    c.client_addr = channel.connection ? channel.connection->remote_address() : std::string();
    c.language = static_cast<proto::LanguageCode>(channel.language);
    c.version = channel.version;
    return c;
}

}  // namespace

std::optional<body::ConsumerConnection> ClientManager::consumer_connection(
    std::string_view group) const {
    std::lock_guard lock(mutex_);
    auto g = consumers_.find(group);
    if (g == consumers_.end() || g->second.channels.empty()) return std::nullopt;
    body::ConsumerConnection out;
    for (const auto& [key, channel] : g->second.channels)
        out.connection_set.push_back(connection_of(channel));
    for (const auto& [topic, sub] : g->second.subscriptions)
        out.subscription_table.insert_or_assign(topic, sub);
    out.consume_type = g->second.settings.consume_type;
    out.message_model = g->second.settings.message_model;
    out.consume_from_where = g->second.settings.consume_from_where;
    return out;
}

std::optional<body::MessageModel> ClientManager::message_model(std::string_view group) const {
    std::lock_guard lock(mutex_);
    auto g = consumers_.find(group);
    if (g == consumers_.end()) return std::nullopt;
    return g->second.settings.message_model;
}

std::optional<body::ProducerConnection> ClientManager::producer_connection(
    std::string_view group) const {
    std::lock_guard lock(mutex_);
    auto g = producers_.find(group);
    if (g == producers_.end() || g->second.empty()) return std::nullopt;
    body::ProducerConnection out;
    for (const auto& [key, channel] : g->second)
        out.connection_set.push_back(connection_of(channel));
    return out;
}

std::shared_ptr<remoting::Connection> ClientManager::available_producer(
    std::string_view group) const {
    std::vector<std::shared_ptr<remoting::Connection>> open;
    {
        std::lock_guard lock(mutex_);
        auto g = producers_.find(group);
        if (g == producers_.end()) return nullptr;
        for (const auto& [key, channel] : g->second)
            if (channel.connection && channel.connection->is_open())
                open.push_back(channel.connection);
    }
    if (open.empty()) return nullptr;
    // Spreads checks over the group's producers, as Java's random pick does.
    thread_local std::minstd_rand rng{std::random_device{}()};
    return open[rng() % open.size()];
}

body::OrderedMap<std::string, std::vector<body::ProducerInfo>> ClientManager::producer_table()
    const {
    // Heartbeat times are kept on the steady clock; the answer wants wall-clock milliseconds.
    const auto steady_now = Clock::now();
    const int64_t wall_now = common::epoch_millis();
    std::lock_guard lock(mutex_);
    body::OrderedMap<std::string, std::vector<body::ProducerInfo>> table;
    for (const auto& [group, channels] : producers_) {
        if (channels.empty()) continue;
        auto& list = table[group];
        for (const auto& [key, channel] : channels) {
            body::ProducerInfo info;
            info.client_id = channel.client_id;
            // Netty's InetSocketAddress.toString() is "/ip:port".
            info.remote_ip =
                "/" + (channel.connection ? channel.connection->remote_address() : std::string());
            info.language = static_cast<proto::LanguageCode>(channel.language);
            info.version = channel.version;
            info.last_update_timestamp = wall_now
                                         - std::chrono::duration_cast<std::chrono::milliseconds>(
                                               steady_now - channel.last_update)
                                               .count();
            list.push_back(std::move(info));
        }
    }
    return table;
}

std::vector<std::string> ClientManager::groups_subscribed_to(std::string_view topic) const {
    std::lock_guard lock(mutex_);
    std::vector<std::string> out;
    for (const auto& [name, group] : consumers_)
        if (!group.channels.empty() && group.subscriptions.contains(std::string(topic)))
            out.push_back(name);
    return out;
}

std::optional<ClientChannel> ClientManager::find_consumer(std::string_view group,
                                                          std::string_view client_id) const {
    std::lock_guard lock(mutex_);
    auto g = consumers_.find(group);
    if (g == consumers_.end()) return std::nullopt;
    for (const auto& [key, channel] : g->second.channels)
        if (channel.client_id == client_id) return channel;
    return std::nullopt;
}

}  // namespace rmq::broker
