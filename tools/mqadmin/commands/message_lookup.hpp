#pragma once
// Route lookups the message commands share: which brokers serve a topic, by name, and where a
// broker name lives.
#include <string>
#include <vector>

#include "body/message_queue.hpp"
#include "cli/admin_session.hpp"

namespace rmq::mqadmin::commands {

struct RouteBroker {
    std::string name;
    std::string addr;  // the master if there is one
    int32_t read_queue_nums = 0;
    int32_t write_queue_nums = 0;
};

/// Every broker of the topic's route that has an address, in route order.
std::vector<RouteBroker> route_brokers(AdminSession& admin, const std::string& topic);
/// The broker called `name` in the topic's route; fails naming the topic when absent.
RouteBroker route_broker(AdminSession& admin, const std::string& topic, const std::string& name);
/// Every readable queue of the topic, sorted like Java's MessageQueue.
std::vector<std::pair<body::MessageQueue, std::string>> read_queues(AdminSession& admin,
                                                                    const std::string& topic);

/// MessageQueue.toString: "MessageQueue [topic=T, brokerName=b, queueId=0]".
std::string queue_java_string(const body::MessageQueue& mq);

}  // namespace rmq::mqadmin::commands
