// Quick start: a push consumer prints the messages of a topic (all tags: "*") and exits after
// `-c` of them. quickstart_producer sends some.
//   quickstart_consumer -n 127.0.0.1:9876 [-t TopicTest] [-c 10]
#include <iostream>
#include <rocketmq/push_consumer.hpp>
#include <span>
#include <string>

#include "example_common.hpp"

int main(int argc, char** argv) {
    example::Args args = example::parse_args(argc, argv, "TopicTest");

    rocketmq::PushConsumerOptions options;
    options.group = "quickstart_consumer_group";
    // A group without committed offsets starts at the first message of each queue; once it has
    // some (committed every 5 s and at shutdown), it resumes from them.
    options.consume_from_where = rocketmq::ConsumeFromWhere::first_offset;
    rocketmq::ClientOptions client;
    client.namesrv_addr = args.namesrv;  // empty: NAMESRV_ADDR

    // Declared before the consumer, so it outlives every listener call.
    example::CountDown remaining(args.count);

    // This constructor gives the consumer its own I/O thread; a plain-function listener runs on
    // a pool of consume_thread_max threads (20), so it may block, and must be thread-safe.
    rocketmq::PushConsumer consumer(options, client);
    if (auto subscribed = consumer.subscribe(args.topic, "*"); !subscribed) {
        std::cerr << "subscribe failed: " << subscribed.error().message() << "\n";
        return 1;
    }
    consumer.set_listener([&remaining](std::span<const rocketmq::ReceivedMessage> messages,
                                       rocketmq::ConsumeContext&) {
        // One message per call by default (consume_message_batch_max_size).
        for (const rocketmq::ReceivedMessage& m : messages) {
            // One << per line: the pool's threads print at the same time.
            std::cout << "msgId=" + m.msg_id + " tags=" + std::string(m.tags())
                             + " keys=" + std::string(m.keys()) + " body=" + m.body + "\n";
            remaining.count_down();
        }
        // reconsume_later would have the broker deliver them again later (%RETRY%<group>).
        return rocketmq::ConsumeResult::success;
    });
    if (auto started = consumer.start_blocking(); !started) {
        std::cerr << "start failed: " << started.error().message() << "\n";
        return 1;
    }

    remaining.wait();
    // Stops pulling, lets listener calls in progress finish, commits the offsets, unregisters.
    consumer.shutdown_blocking();
    return 0;
}
