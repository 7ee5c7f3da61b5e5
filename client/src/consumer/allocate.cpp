// RocketMQ's queue allocation strategies. Every consumer of a group computes its share from the
// same sorted lists, so the shares never overlap and together cover every queue.
#include <algorithm>
#include <map>

#include "consumer/md5.hpp"
#include "rocketmq/options.hpp"

namespace rocketmq {

namespace {

std::ptrdiff_t index_of(const std::vector<std::string>& consumers, const std::string& id) {
    auto it = std::find(consumers.begin(), consumers.end(), id);
    return it == consumers.end() ? -1 : it - consumers.begin();
}

/// Java's MD5Hash.hash: the first 4 digest bytes as a big-endian number, in a long.
int64_t ring_hash(const std::string& key) {
    const auto digest = detail::md5(key);
    int64_t h = 0;
    for (int i = 0; i < 4; ++i)
        h = (h << 8) | digest[i];
    return h;
}

}  // namespace

AllocateStrategy allocate_averagely() {
    return [](const std::string&, const std::string& client_id,
              const std::vector<MessageQueue>& all, const std::vector<std::string>& consumers) {
        std::vector<MessageQueue> out;
        const auto index = index_of(consumers, client_id);
        if (index < 0 || all.empty()) return out;
        const size_t n = all.size(), c = consumers.size(), i = static_cast<size_t>(index);
        const size_t mod = n % c;
        const size_t average = n <= c ? 1 : (mod > 0 && i < mod ? n / c + 1 : n / c);
        const size_t start = (mod > 0 && i < mod) ? i * average : i * average + mod;
        const size_t range = start < n ? std::min(average, n - start) : 0;
        for (size_t k = 0; k < range; ++k)
            out.push_back(all[(start + k) % n]);
        return out;
    };
}

AllocateStrategy allocate_by_circle() {
    return [](const std::string&, const std::string& client_id,
              const std::vector<MessageQueue>& all, const std::vector<std::string>& consumers) {
        std::vector<MessageQueue> out;
        const auto index = index_of(consumers, client_id);
        if (index < 0) return out;
        for (size_t k = static_cast<size_t>(index); k < all.size(); k += consumers.size())
            out.push_back(all[k]);
        return out;
    };
}

AllocateStrategy allocate_consistent_hash(int virtual_nodes) {
    return [virtual_nodes](const std::string&, const std::string& client_id,
                           const std::vector<MessageQueue>& all,
                           const std::vector<std::string>& consumers) {
        std::vector<MessageQueue> out;
        if (index_of(consumers, client_id) < 0) return out;
        std::map<int64_t, std::string> ring;
        for (const auto& consumer : consumers)
            for (int v = 0; v < virtual_nodes; ++v)
                ring[ring_hash(consumer + "-" + std::to_string(v))] = consumer;
        for (const auto& queue : all) {
            auto it = ring.lower_bound(ring_hash(queue.to_string()));
            if (it == ring.end()) it = ring.begin();
            if (it->second == client_id) out.push_back(queue);
        }
        return out;
    };
}

}  // namespace rocketmq
