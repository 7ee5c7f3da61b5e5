// An Asio service: one io_context, run by main's thread, hosts a push consumer and a producer.
// For every message of the topic, a coroutine listener co_awaits the send of a reply to
// <topic>_Replies. Neither client object starts a thread: consuming, sending, heartbeats and
// timers all run on main's thread. Stops after `-c` messages.
//   asio_service -n 127.0.0.1:9876 [-t TopicTest] [-c 10]
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/this_coro.hpp>
#include <iostream>
#include <rocketmq/producer.hpp>
#include <rocketmq/push_consumer.hpp>
#include <span>
#include <string>

#include "example_common.hpp"

namespace asio = boost::asio;

struct Service {
    rocketmq::PushConsumer& consumer;
    rocketmq::Producer& producer;
    std::string reply_topic;
    int remaining;  // no lock: only main's thread touches it
    int status = 0;
};

asio::awaitable<void> start(Service& service) {
    if (auto started = co_await service.consumer.start(); !started) {
        std::cerr << "start failed: " << started.error().message() << "\n";
        service.status = 1;
        co_await service.producer.shutdown();
    }
}

asio::awaitable<void> stop(Service& service) {
    co_await service.consumer.shutdown();  // waits for the listener calls in progress
    co_await service.producer.shutdown();
    // Nothing is left to run: io.run() returns.
}

// The listener runs on the io_context: it must not block, it co_awaits.
asio::awaitable<rocketmq::ConsumeResult> on_messages(
    Service& service, std::span<const rocketmq::ReceivedMessage> messages) {
    for (const rocketmq::ReceivedMessage& m : messages) {
        rocketmq::Message reply(service.reply_topic, "Reply", m.msg_id, "reply to " + m.body);
        auto sent = co_await service.producer.send(std::move(reply));
        if (!sent) {
            std::cerr << "reply failed: " << sent.error().message() << "\n";
            co_return rocketmq::ConsumeResult::reconsume_later;  // delivered again later
        }
        std::cout << m.msg_id << " (" << m.body << ") -> reply " << sent->msg_id << "\n";
        if (--service.remaining == 0) {
            // Not awaited here: the consumer's shutdown waits for this listener call to end.
            auto executor = co_await asio::this_coro::executor;
            asio::co_spawn(executor, stop(service), asio::detached);
        }
    }
    co_return rocketmq::ConsumeResult::success;
}

int main(int argc, char** argv) {
    example::Args args = example::parse_args(argc, argv, "TopicTest");

    asio::io_context io;
    rocketmq::ClientOptions client;
    client.namesrv_addr = args.namesrv;  // empty: NAMESRV_ADDR
    // One instance name for both: same client id on the same io_context, so they share one
    // client instance (connections, routes, heartbeats), as Java's MQClientInstance.
    client.instance_name = "asio_service";

    rocketmq::ProducerOptions producer_options;
    producer_options.group = "asio_service_producer_group";
    rocketmq::Producer producer(io.get_executor(), producer_options, client);

    rocketmq::PushConsumerOptions consumer_options;
    consumer_options.group = "asio_service_consumer_group";
    consumer_options.consume_from_where = rocketmq::ConsumeFromWhere::first_offset;
    rocketmq::PushConsumer consumer(io.get_executor(), consumer_options, client);

    Service service{consumer, producer, args.topic + "_Replies", args.count};
    if (auto subscribed = consumer.subscribe(args.topic, "*"); !subscribed) {
        std::cerr << "subscribe failed: " << subscribed.error().message() << "\n";
        return 1;
    }
    // A coroutine listener: no consume thread pool either.
    consumer.set_listener(
        [&service](std::span<const rocketmq::ReceivedMessage> messages, rocketmq::ConsumeContext&) {
            return on_messages(service, messages);
        });
    if (auto started = producer.start(); !started) {
        std::cerr << "start failed: " << started.error().message() << "\n";
        return 1;
    }
    // The consumer's start talks to the brokers: co_await it on the io_context (start_blocking
    // would wait for an io_context that main's thread is not running yet).
    asio::co_spawn(io, start(service), asio::detached);
    io.run();  // until both have shut down
    return service.status;
}
