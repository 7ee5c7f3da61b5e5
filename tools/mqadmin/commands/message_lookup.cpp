#include "commands/message_lookup.hpp"

#include <algorithm>

#include "cli/failure.hpp"

namespace rmq::mqadmin::commands {

std::vector<RouteBroker> route_brokers(AdminSession& admin, const std::string& topic) {
    auto route = admin.wait(admin->topic_route(topic));
    std::vector<RouteBroker> out;
    for (const auto& broker : route.broker_datas) {
        auto addr = broker.select_broker_addr();
        if (!addr) continue;
        RouteBroker rb{broker.broker_name, *addr, 0, 0};
        for (const auto& q : route.queue_datas)
            if (q.broker_name == broker.broker_name) {
                rb.read_queue_nums = q.read_queue_nums;
                rb.write_queue_nums = q.write_queue_nums;
            }
        out.push_back(std::move(rb));
    }
    if (out.empty()) fail("the route of " + topic + " has no broker address");
    return out;
}

RouteBroker route_broker(AdminSession& admin, const std::string& topic, const std::string& name) {
    for (auto& b : route_brokers(admin, topic))
        if (b.name == name) return b;
    fail("broker " + name + " is not in the route of " + topic);
}

std::vector<std::pair<body::MessageQueue, std::string>> read_queues(AdminSession& admin,
                                                                    const std::string& topic) {
    std::vector<std::pair<body::MessageQueue, std::string>> out;
    for (const auto& b : route_brokers(admin, topic))
        for (int32_t q = 0; q < b.read_queue_nums; ++q)
            out.emplace_back(body::MessageQueue{topic, b.name, q}, b.addr);
    std::sort(out.begin(), out.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    return out;
}

std::string queue_java_string(const body::MessageQueue& mq) {
    return "MessageQueue [topic=" + mq.topic + ", brokerName=" + mq.broker_name
           + ", queueId=" + std::to_string(mq.queue_id) + "]";
}

}  // namespace rmq::mqadmin::commands
