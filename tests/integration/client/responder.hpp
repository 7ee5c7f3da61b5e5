#pragma once
// A consumer answering request messages (request/reply) with "reply-to-<body>", through
// make_reply() and a producer of its own client instance.
#include <atomic>
#include <cstdio>
#include <memory>
#include <string>

#include "client_fixture.hpp"
#include "rocketmq/producer.hpp"
#include "rocketmq/push_consumer.hpp"

namespace rmq::test {

inline std::unique_ptr<rocketmq::Producer> started_producer(
    const ClientCluster& c, const std::string& group, const std::string& instance = "DEFAULT") {
    rocketmq::ProducerOptions o;
    o.group = group;
    auto producer = std::make_unique<rocketmq::Producer>(o, c.client(instance));
    REQUIRE(producer->start());
    return producer;
}

/// Subscribes `topic` (which must exist) and replies to every request on it through `replier`;
/// `answered` (when given) counts the replies the broker has acknowledged.
inline std::unique_ptr<rocketmq::PushConsumer> start_responder(
    const ClientCluster& c, const std::string& topic, rocketmq::Producer& replier,
    std::atomic<int>* answered = nullptr) {
    rocketmq::PushConsumerOptions o;
    o.group = "CG-responder";
    o.consume_from_where = rocketmq::ConsumeFromWhere::first_offset;
    auto consumer = std::make_unique<rocketmq::PushConsumer>(o, c.client("responder"));
    REQUIRE(consumer->subscribe(topic));
    consumer->set_listener([&replier, answered](std::span<const rocketmq::ReceivedMessage> batch,
                                                rocketmq::ConsumeContext&) {
        for (const auto& request : batch) {
            if (request.property("REPLY_TO_CLIENT").empty()) continue;  // not a request
            auto reply = rocketmq::make_reply(request, "reply-to-" + request.body);
            if (!reply) return rocketmq::ConsumeResult::reconsume_later;
            auto sent = replier.send_blocking(*reply);
            if (!sent) {
                std::fprintf(stderr, "the reply was not sent: %s\n",
                             sent.error().message().c_str());
                return rocketmq::ConsumeResult::reconsume_later;
            }
            if (answered) ++*answered;
        }
        return rocketmq::ConsumeResult::success;
    });
    auto started = consumer->start_blocking();
    INFO((started ? "" : started.error().message()));
    REQUIRE(started);
    return consumer;
}

}  // namespace rmq::test
