#include "route_info_manager.hpp"

#include <mutex>

#include "proto/flags.hpp"

namespace rmq::nameserver {

RegistrationAnswer RouteInfoManager::register_broker(const Registration& r, Clock::time_point now) {
    std::unique_lock lock(mutex_);
    clusters_[r.cluster].insert(r.broker_name);

    auto [broker_it, first_of_name] = brokers_.try_emplace(r.broker_name);
    BrokerInfo& broker = broker_it->second;
    if (first_of_name) {
        broker.cluster = r.cluster;
        broker.broker_name = r.broker_name;
    }
    // A slave promoted to master re-registers its address under id 0: drop the old id.
    std::erase_if(broker.addrs, [&](const auto& kv) {
        return kv.second == r.broker_addr && kv.first != r.broker_id;
    });
    const bool first_registration =
        broker.addrs.insert_or_assign(r.broker_id, r.broker_addr).second || first_of_name;

    if (r.broker_id == 0) {
        auto live = live_.find(r.broker_addr);
        const bool changed = live == live_.end() || !(live->second.data_version == r.data_version);
        if (changed || first_registration) {
            for (const auto& t : r.topics) {
                topic_queues_[t.topic].insert_or_assign(
                    r.broker_name, QueueInfo{r.broker_name, t.read_queue_nums, t.write_queue_nums,
                                             t.perm, t.topic_sys_flag});
            }
        }
    }
    live_.insert_or_assign(r.broker_addr,
                           LiveBroker{now, r.data_version, r.channel_id, r.ha_server_addr});
    if (r.filter_servers.empty())
        filter_servers_.erase(r.broker_addr);
    else
        filter_servers_[r.broker_addr] = r.filter_servers;

    RegistrationAnswer answer;
    if (r.broker_id != 0) {
        auto master = broker.addrs.find(0);
        if (master != broker.addrs.end()) {
            auto live = live_.find(master->second);
            if (live != live_.end()) {
                answer.master_addr = master->second;
                answer.ha_server_addr = live->second.ha_server_addr;
            }
        }
    }
    return answer;
}

void RouteInfoManager::remove_broker_locked(const std::string& broker_addr) {
    live_.erase(broker_addr);
    filter_servers_.erase(broker_addr);
    std::string emptied_name;
    for (auto it = brokers_.begin(); it != brokers_.end(); ++it) {
        auto& addrs = it->second.addrs;
        const auto before = addrs.size();
        std::erase_if(addrs, [&](const auto& kv) { return kv.second == broker_addr; });
        if (addrs.size() != before) {
            if (addrs.empty()) {
                emptied_name = it->first;
                brokers_.erase(it);
            }
            break;
        }
    }
    if (emptied_name.empty()) return;
    for (auto c = clusters_.begin(); c != clusters_.end();) {
        c->second.erase(emptied_name);
        c = c->second.empty() ? clusters_.erase(c) : std::next(c);
    }
    for (auto t = topic_queues_.begin(); t != topic_queues_.end();) {
        t->second.erase(emptied_name);
        t = t->second.empty() ? topic_queues_.erase(t) : std::next(t);
    }
}

void RouteInfoManager::unregister_broker(std::string_view /*cluster*/, std::string_view broker_addr,
                                         std::string_view /*broker_name*/, int64_t /*broker_id*/) {
    std::unique_lock lock(mutex_);
    remove_broker_locked(std::string(broker_addr));
}

std::optional<TopicDataVersion> RouteInfoManager::query_data_version(
    std::string_view broker_addr, const TopicDataVersion& version, bool& changed,
    Clock::time_point now) {
    std::unique_lock lock(mutex_);
    auto live = live_.find(std::string(broker_addr));
    if (live == live_.end()) {
        changed = true;
        return std::nullopt;
    }
    changed = !(live->second.data_version == version);
    if (!changed) live->second.last_update = now;
    return live->second.data_version;
}

std::vector<std::string> RouteInfoManager::expire_brokers(std::chrono::milliseconds expiry,
                                                          Clock::time_point now) {
    std::unique_lock lock(mutex_);
    std::vector<std::string> expired;
    for (const auto& [addr, live] : live_)
        if (live.last_update + expiry < now) expired.push_back(addr);
    for (const auto& addr : expired)
        remove_broker_locked(addr);
    return expired;
}

void RouteInfoManager::channel_closed(uint64_t channel_id) {
    std::unique_lock lock(mutex_);
    std::vector<std::string> gone;
    for (const auto& [addr, live] : live_)
        if (live.channel_id == channel_id) gone.push_back(addr);
    for (const auto& addr : gone)
        remove_broker_locked(addr);
}

std::optional<TopicRoute> RouteInfoManager::topic_route(std::string_view topic) const {
    std::shared_lock lock(mutex_);
    auto t = topic_queues_.find(std::string(topic));
    if (t == topic_queues_.end() || t->second.empty()) return std::nullopt;
    TopicRoute route;
    for (const auto& [name, queue] : t->second) {
        route.queues.push_back(queue);
        auto b = brokers_.find(name);
        if (b == brokers_.end()) continue;
        route.brokers.push_back(b->second);
        for (const auto& [id, addr] : b->second.addrs) {
            auto f = filter_servers_.find(addr);
            if (f != filter_servers_.end()) route.filter_servers[addr] = f->second;
        }
    }
    if (route.brokers.empty()) return std::nullopt;
    return route;
}

ClusterSnapshot RouteInfoManager::cluster_info() const {
    std::shared_lock lock(mutex_);
    return ClusterSnapshot{brokers_, clusters_};
}

std::vector<std::string> RouteInfoManager::all_topics() const {
    std::shared_lock lock(mutex_);
    std::vector<std::string> out;
    for (const auto& [topic, queues] : topic_queues_)
        out.push_back(topic);
    return out;
}

std::vector<std::string> RouteInfoManager::topics_of_cluster(std::string_view cluster) const {
    std::shared_lock lock(mutex_);
    std::vector<std::string> out;
    auto c = clusters_.find(std::string(cluster));
    if (c == clusters_.end()) return out;
    for (const auto& [topic, queues] : topic_queues_) {
        for (const auto& name : c->second)
            if (queues.contains(name)) {
                out.push_back(topic);
                break;
            }
    }
    return out;
}

std::vector<std::string> RouteInfoManager::system_topics(std::string& some_broker_addr) const {
    std::shared_lock lock(mutex_);
    std::vector<std::string> out;
    for (const auto& [cluster, names] : clusters_) {
        out.push_back(cluster);
        out.insert(out.end(), names.begin(), names.end());
    }
    some_broker_addr.clear();
    for (const auto& [name, broker] : brokers_)
        if (!broker.addrs.empty()) {
            some_broker_addr = broker.addrs.begin()->second;
            break;
        }
    return out;
}

std::vector<std::string> RouteInfoManager::topics_with_flag_locked(bool (*match)(int32_t)) const {
    std::vector<std::string> out;
    for (const auto& [topic, queues] : topic_queues_) {
        for (const auto& [name, q] : queues)
            if (match(q.topic_sys_flag)) {
                out.push_back(topic);
                break;
            }
    }
    return out;
}

std::vector<std::string> RouteInfoManager::unit_topics() const {
    std::shared_lock lock(mutex_);
    return topics_with_flag_locked(
        [](int32_t f) { return (f & proto::topic_sys_flag::kUnit) != 0; });
}

std::vector<std::string> RouteInfoManager::has_unit_sub_topics() const {
    std::shared_lock lock(mutex_);
    return topics_with_flag_locked(
        [](int32_t f) { return (f & proto::topic_sys_flag::kUnitSub) != 0; });
}

std::vector<std::string> RouteInfoManager::has_unit_sub_ununit_topics() const {
    std::shared_lock lock(mutex_);
    return topics_with_flag_locked([](int32_t f) {
        return (f & proto::topic_sys_flag::kUnitSub) != 0
               && (f & proto::topic_sys_flag::kUnit) == 0;
    });
}

void RouteInfoManager::delete_topic(std::string_view topic, std::string_view cluster) {
    std::unique_lock lock(mutex_);
    auto t = topic_queues_.find(std::string(topic));
    if (t == topic_queues_.end()) return;
    if (cluster.empty()) {
        topic_queues_.erase(t);
        return;
    }
    auto c = clusters_.find(std::string(cluster));
    if (c == clusters_.end()) return;
    for (const auto& name : c->second)
        t->second.erase(name);
    if (t->second.empty()) topic_queues_.erase(t);
}

int32_t RouteInfoManager::wipe_write_perm(std::string_view broker_name) {
    std::unique_lock lock(mutex_);
    int32_t count = 0;
    for (auto& [topic, queues] : topic_queues_) {
        auto q = queues.find(std::string(broker_name));
        if (q == queues.end()) continue;
        q->second.perm &= ~proto::perm::kWrite;
        ++count;
    }
    return count;
}

int32_t RouteInfoManager::add_write_perm(std::string_view broker_name) {
    std::unique_lock lock(mutex_);
    int32_t count = 0;
    for (auto& [topic, queues] : topic_queues_) {
        auto q = queues.find(std::string(broker_name));
        if (q == queues.end()) continue;
        q->second.perm = proto::perm::kRead | proto::perm::kWrite;
        ++count;
    }
    return count;
}

size_t RouteInfoManager::live_broker_count() const {
    std::shared_lock lock(mutex_);
    return live_.size();
}

}  // namespace rmq::nameserver
