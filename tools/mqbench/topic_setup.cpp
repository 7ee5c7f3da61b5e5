#include "topic_setup.hpp"

#include <thread>

#include "admin/admin_client.hpp"
#include "admin/failure.hpp"
#include "common/split.hpp"

namespace mqbench {

std::string ensure_topic(const std::string& namesrv, const std::string& cluster,
                         const std::string& topic, int queues) {
    std::vector<std::string> servers;
    for (auto s : rmq::common::split_nonempty(namesrv, ';'))
        servers.emplace_back(s);
    try {
        rmq::mqadmin::AdminClient admin(servers, std::chrono::seconds(5));
        try {
            admin.route(topic);
            return {};
        } catch (const rmq::mqadmin::Failure&) {
            // not routed yet: create it below
        }
        const auto info = admin.cluster_info();
        const auto* names = info.cluster_addr_table.find(cluster);
        if (!names) return "no cluster " + cluster + " on the name servers";
        rmq::body::TopicConfig config;
        config.topic_name = topic;
        config.read_queue_nums = queues;
        config.write_queue_nums = queues;
        for (const auto& name : *names) {
            const auto* broker = info.broker_addr_table.find(name);
            if (!broker) continue;
            auto master = broker->broker_addrs.find(0);
            if (master != broker->broker_addrs.end()) admin.create_topic(master->second, config);
        }
        // The brokers register the new topic with the name servers right away.
        for (int i = 0; i < 50; ++i) {
            try {
                admin.route(topic);
                return {};
            } catch (const rmq::mqadmin::Failure&) {
                std::this_thread::sleep_for(std::chrono::milliseconds(100));
            }
        }
        return "topic " + topic + " was created but has no route after 5 s";
    } catch (const std::exception& e) {
        return e.what();
    }
}

}  // namespace mqbench
