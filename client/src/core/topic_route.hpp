#pragma once
// A topic's route as the client uses it: the name server's answer plus the queues a producer
// may write to and a consumer may read from (Java's TopicPublishInfo / subscribe info).
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "body/topic_route_data.hpp"
#include "rocketmq/message.hpp"

namespace rocketmq::detail {

struct TopicRoute {
    std::string topic;
    rmq::body::TopicRouteData data;
    /// Writable queues of broker groups with a live master, by broker name then queue id (or
    /// the KV order config of an ordered topic).
    std::vector<MessageQueue> publish_queues;
    std::vector<MessageQueue> subscribe_queues;
    bool ordered = false;
    /// Built from the default topic's route: the topic does not exist yet.
    bool from_default_topic = false;
};

TopicRoute make_topic_route(const std::string& topic, rmq::body::TopicRouteData data);
/// The default topic's route applied to a new topic: each broker offers
/// min(queue_nums, its read queues) queues (Java's tryToFindTopicPublishInfo).
TopicRoute make_default_route(const std::string& topic, rmq::body::TopicRouteData data,
                              int queue_nums);

/// Broker name → broker id → address, merged from every route the client holds.
using BrokerAddressTable = std::map<std::string, std::map<int64_t, std::string>>;

}  // namespace rocketmq::detail
