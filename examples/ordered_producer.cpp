// Ordered messages: every step of one order goes to the same queue (chosen by hashing the order
// id), so an orderly consumer sees them in the order they were sent.
//   ordered_producer -n 127.0.0.1:9876 [-t OrderTopic] [-c 5]   (-c: number of orders)
#include <iostream>
#include <rocketmq/producer.hpp>
#include <string>

#include "example_common.hpp"

int main(int argc, char** argv) {
    example::Args args = example::parse_args(argc, argv, "OrderTopic");

    rocketmq::ProducerOptions options;
    options.group = "ordered_producer_group";
    rocketmq::ClientOptions client;
    client.namesrv_addr = args.namesrv;  // empty: NAMESRV_ADDR
    rocketmq::Producer producer(options, client);
    if (auto started = producer.start(); !started) {
        std::cerr << "start failed: " << started.error().message() << "\n";
        return 1;
    }

    for (const char* step : {"created", "paid", "shipped", "delivered"}) {
        for (int order = 0; order < args.count; ++order) {
            const std::string order_id = "order-" + std::to_string(order);
            rocketmq::Message message(args.topic, step, order_id, order_id + " " + step);
            // Same key, same queue (Java's SelectMessageQueueByHash picks the same one).
            auto result =
                producer.send_blocking(std::move(message), rocketmq::select_by_hash(order_id));
            if (!result) {
                std::cerr << "send failed: " << result.error().message() << "\n";
                return 1;
            }
            std::cout << order_id << " " << step << " -> queue " << result->queue.queue_id
                      << " offset " << result->queue_offset << "\n";
        }
    }
    producer.shutdown_blocking();
    return 0;
}
