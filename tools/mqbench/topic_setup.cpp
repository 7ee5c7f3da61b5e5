#include "topic_setup.hpp"

#include <thread>

#include "rocketmq/admin.hpp"

namespace mqbench {

std::string ensure_topic(const std::string& namesrv, const std::string& cluster,
                         const std::string& topic, int queues) {
    rocketmq::ClientOptions options;
    options.namesrv_addr = namesrv;
    options.client_api_timeout = std::chrono::seconds(5);
    rocketmq::Admin admin(options);
    if (admin.blocking(admin.topic_route(topic))) return {};
    const auto info = admin.blocking(admin.cluster_info());
    if (!info) return info.error().message();
    const auto* names = info->cluster_addr_table.find(cluster);
    if (!names) return "no cluster " + cluster + " on the name servers";
    rmq::body::TopicConfig config;
    config.topic_name = topic;
    config.read_queue_nums = queues;
    config.write_queue_nums = queues;
    for (const auto& name : *names) {
        const auto* broker = info->broker_addr_table.find(name);
        if (!broker) continue;
        auto master = broker->broker_addrs.find(0);
        if (master == broker->broker_addrs.end()) continue;
        if (auto created = admin.blocking(admin.create_topic(master->second, config)); !created)
            return created.error().message();
    }
    // The brokers register the new topic with the name servers right away.
    for (int i = 0; i < 50; ++i) {
        if (admin.blocking(admin.topic_route(topic))) return {};
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return "topic " + topic + " was created but has no route after 5 s";
}

}  // namespace mqbench
