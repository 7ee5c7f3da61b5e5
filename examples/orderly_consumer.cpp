// Orderly consumption: each queue's messages reach the listener one batch at a time, in the
// order they were stored. With ordered_producer's messages (one order's steps in one queue),
// every order is seen created, paid, shipped, delivered. Exits after `-c` messages.
//   orderly_consumer -n 127.0.0.1:9876 [-t OrderTopic] [-c 10]
#include <iostream>
#include <rocketmq/push_consumer.hpp>
#include <span>
#include <string>

#include "example_common.hpp"

int main(int argc, char** argv) {
    example::Args args = example::parse_args(argc, argv, "OrderTopic");

    rocketmq::PushConsumerOptions options;
    options.group = "orderly_consumer_group";
    options.consume_from_where = rocketmq::ConsumeFromWhere::first_offset;
    rocketmq::ClientOptions client;
    client.namesrv_addr = args.namesrv;  // empty: NAMESRV_ADDR

    example::CountDown remaining(args.count);
    rocketmq::PushConsumer consumer(options, client);
    if (auto subscribed = consumer.subscribe(args.topic, "*"); !subscribed) {
        std::cerr << "subscribe failed: " << subscribed.error().message() << "\n";
        return 1;
    }
    // Queues are still consumed in parallel, but never two batches of one queue at once. In a
    // group of several consumers, a queue is consumed only by the one holding the broker's lock
    // on it, so the order holds while queues move between consumers.
    consumer.set_orderly_listener([&remaining](std::span<const rocketmq::ReceivedMessage> messages,
                                               rocketmq::OrderlyContext& context) {
        for (const rocketmq::ReceivedMessage& m : messages) {
            std::cout << "queue " + std::to_string(context.queue.queue_id) + " offset "
                             + std::to_string(m.queue_offset) + ": " + m.body + "\n";
            remaining.count_down();
        }
        // suspend_current_queue_a_moment: the same batch again after suspend_current_queue_time,
        // and nothing after it in this queue meanwhile.
        return rocketmq::OrderlyResult::success;
    });
    if (auto started = consumer.start_blocking(); !started) {
        std::cerr << "start failed: " << started.error().message() << "\n";
        return 1;
    }

    remaining.wait();
    consumer.shutdown_blocking();  // also unlocks the queues for the group's other consumers
    return 0;
}
