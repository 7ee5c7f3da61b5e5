#include "clients/rebalance_lock_manager.hpp"

namespace rmq::broker {

std::vector<body::MessageQueue> RebalanceLockManager::try_lock(
    const std::string& group, const std::vector<body::MessageQueue>& queues,
    const std::string& client_id) {
    const auto now = now_();
    std::lock_guard lock(mutex_);
    auto& locks = groups_[group];
    std::vector<body::MessageQueue> held;
    for (const auto& queue : queues) {
        auto [it, inserted] = locks.try_emplace(queue, Lock{client_id, now});
        Lock& entry = it->second;
        if (!inserted && entry.client_id != client_id && !expired(entry, now)) continue;
        entry.client_id = client_id;
        entry.refreshed = now;
        held.push_back(queue);
    }
    return held;
}

void RebalanceLockManager::unlock(const std::string& group,
                                  const std::vector<body::MessageQueue>& queues,
                                  const std::string& client_id) {
    std::lock_guard lock(mutex_);
    auto g = groups_.find(group);
    if (g == groups_.end()) return;
    for (const auto& queue : queues) {
        auto it = g->second.find(queue);
        if (it != g->second.end() && it->second.client_id == client_id) g->second.erase(it);
    }
}

bool RebalanceLockManager::holds(const std::string& group, const body::MessageQueue& queue,
                                 const std::string& client_id) const {
    std::lock_guard lock(mutex_);
    auto g = groups_.find(group);
    if (g == groups_.end()) return false;
    auto it = g->second.find(queue);
    return it != g->second.end() && it->second.client_id == client_id
           && !expired(it->second, now_());
}

}  // namespace rmq::broker
