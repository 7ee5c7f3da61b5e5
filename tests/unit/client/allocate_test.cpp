// The allocation strategies give each consumer exactly the queues Apache RocketMQ 4.9.8's Java
// client gives it (expectations printed by the Java classes themselves), so C++ and Java
// consumers can share a group.
#include "catch.hpp"
#include "rocketmq/options.hpp"

namespace {

const std::vector<std::string> kConsumers{"192.168.0.1@1", "192.168.0.2@2", "192.168.0.3@3"};

std::vector<rocketmq::MessageQueue> queues(size_t n) {
    std::vector<rocketmq::MessageQueue> out;
    for (const char* broker : {"broker-a", "broker-b"})
        for (int i = 0; i < 8; ++i)
            out.push_back({"T", broker, i});
    out.resize(n);
    return out;
}

std::vector<std::string> names(const std::vector<rocketmq::MessageQueue>& qs) {
    std::vector<std::string> out;
    for (const auto& q : qs)
        out.push_back(q.broker_name + ":" + std::to_string(q.queue_id));
    return out;
}

using V = std::vector<std::string>;

}  // namespace

TEST_CASE("averagely: contiguous shares, the first consumers one larger") {
    auto s = rocketmq::allocate_averagely();
    const auto all = queues(10);
    CHECK(names(s("G", kConsumers[0], all, kConsumers))
          == V{"broker-a:0", "broker-a:1", "broker-a:2", "broker-a:3"});
    CHECK(names(s("G", kConsumers[1], all, kConsumers))
          == V{"broker-a:4", "broker-a:5", "broker-a:6"});
    CHECK(names(s("G", kConsumers[2], all, kConsumers))
          == V{"broker-a:7", "broker-b:0", "broker-b:1"});
    CHECK(s("G", "not-in-the-group", all, kConsumers).empty());
}

TEST_CASE("by circle: every n-th queue") {
    auto s = rocketmq::allocate_by_circle();
    const auto all = queues(10);
    CHECK(names(s("G", kConsumers[0], all, kConsumers))
          == V{"broker-a:0", "broker-a:3", "broker-a:6", "broker-b:1"});
    CHECK(names(s("G", kConsumers[1], all, kConsumers))
          == V{"broker-a:1", "broker-a:4", "broker-a:7"});
    CHECK(names(s("G", kConsumers[2], all, kConsumers))
          == V{"broker-a:2", "broker-a:5", "broker-b:0"});
}

TEST_CASE("consistent hash: Java's MD5 ring positions with 10 virtual nodes") {
    auto s = rocketmq::allocate_consistent_hash();
    const auto all = queues(16);
    CHECK(names(s("G", kConsumers[0], all, kConsumers))
          == V{"broker-a:1", "broker-a:6", "broker-a:7", "broker-b:0", "broker-b:3", "broker-b:5",
               "broker-b:6"});
    CHECK(names(s("G", kConsumers[1], all, kConsumers)) == V{"broker-a:0"});
    CHECK(names(s("G", kConsumers[2], all, kConsumers))
          == V{"broker-a:2", "broker-a:3", "broker-a:4", "broker-a:5", "broker-b:1", "broker-b:2",
               "broker-b:4", "broker-b:7"});
}

TEST_CASE("more consumers than queues: the extra ones get nothing, no queue twice") {
    std::vector<std::string> many;
    for (int i = 0; i < 6; ++i)
        many.push_back("c" + std::to_string(i));
    const auto all = queues(4);
    for (const auto& strategy : {rocketmq::allocate_averagely(), rocketmq::allocate_by_circle()}) {
        size_t total = 0;
        for (const auto& c : many)
            total += strategy("G", c, all, many).size();
        CHECK(total == 4);
    }
}
