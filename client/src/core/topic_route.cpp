#include "core/topic_route.hpp"

#include <algorithm>

#include "common/split.hpp"
#include "proto/flags.hpp"

namespace rocketmq::detail {

namespace {

bool writable(int32_t perm) {
    return (perm & rmq::proto::perm::kWrite) != 0;
}
bool readable(int32_t perm) {
    return (perm & rmq::proto::perm::kRead) != 0;
}

bool has_master(const rmq::body::TopicRouteData& data, const std::string& broker_name) {
    for (const auto& b : data.broker_datas)
        if (b.broker_name == broker_name) return b.broker_addrs.contains(0);
    return false;
}

/// "brokerA:4;brokerB:4": the queues of an ordered topic, in that order.
std::vector<MessageQueue> ordered_queues(const std::string& topic, const std::string& conf) {
    std::vector<MessageQueue> out;
    for (auto entry : rmq::common::split_nonempty(conf, ';')) {
        const auto colon = entry.find(':');
        if (colon == std::string_view::npos) continue;
        const std::string broker(entry.substr(0, colon));
        int count = 0;
        try {
            count = std::stoi(std::string(entry.substr(colon + 1)));
        } catch (const std::exception&) {
            continue;
        }
        for (int i = 0; i < count; ++i)
            out.push_back({topic, broker, i});
    }
    return out;
}

}  // namespace

TopicRoute make_topic_route(const std::string& topic, rmq::body::TopicRouteData data) {
    TopicRoute route;
    route.topic = topic;
    auto queue_datas = data.queue_datas;
    std::sort(queue_datas.begin(), queue_datas.end(),
              [](const auto& a, const auto& b) { return a.broker_name < b.broker_name; });
    if (data.order_topic_conf && !data.order_topic_conf->empty()) {
        route.ordered = true;
        route.publish_queues = ordered_queues(topic, *data.order_topic_conf);
    } else {
        for (const auto& qd : queue_datas) {
            if (!writable(qd.perm) || !has_master(data, qd.broker_name)) continue;
            for (int i = 0; i < qd.write_queue_nums; ++i)
                route.publish_queues.push_back({topic, qd.broker_name, i});
        }
    }
    for (const auto& qd : queue_datas) {
        if (!readable(qd.perm)) continue;
        for (int i = 0; i < qd.read_queue_nums; ++i)
            route.subscribe_queues.push_back({topic, qd.broker_name, i});
    }
    route.data = std::move(data);
    return route;
}

TopicRoute make_default_route(const std::string& topic, rmq::body::TopicRouteData data,
                              int queue_nums) {
    for (auto& qd : data.queue_datas) {
        const int n = std::min(queue_nums, qd.read_queue_nums);
        qd.read_queue_nums = n;
        qd.write_queue_nums = n;
    }
    auto route = make_topic_route(topic, std::move(data));
    route.from_default_topic = true;
    return route;
}

}  // namespace rocketmq::detail
