// Broadcasting: every consumer of the group gets every message of the topic (clustering, the
// default, shares the queues among them instead). Prints the messages and exits after `-c`.
//   broadcast_consumer -n 127.0.0.1:9876 [-t TopicTest] [-c 10]
#include <iostream>
#include <rocketmq/push_consumer.hpp>
#include <span>

#include "example_common.hpp"

int main(int argc, char** argv) {
    example::Args args = example::parse_args(argc, argv, "TopicTest");

    rocketmq::PushConsumerOptions options;
    options.group = "broadcast_consumer_group";
    options.message_model = rocketmq::MessageModel::broadcasting;
    // Without offsets of its own, a consumer starts at the first message of each queue.
    options.consume_from_where = rocketmq::ConsumeFromWhere::first_offset;
    rocketmq::ClientOptions client;
    client.namesrv_addr = args.namesrv;  // empty: NAMESRV_ADDR
    // A broadcasting consumer keeps its offsets itself, in a file named after its client id
    // "ip@instance_name": ~/.rocketmq_offsets/<client id>/<group>/offsets.json (offset_store_dir).
    // The default instance name, "DEFAULT", becomes "<pid>#<nanotime>": a new id, so no offsets,
    // at every start, and a restarted consumer would read the topic again from its first
    // message. A fixed name finds the file again: this consumer resumes where it stopped. Two
    // copies on one host need two names.
    client.instance_name = "broadcast_example";

    example::CountDown remaining(args.count);
    rocketmq::PushConsumer consumer(options, client);
    if (auto subscribed = consumer.subscribe(args.topic, "*"); !subscribed) {
        std::cerr << "subscribe failed: " << subscribed.error().message() << "\n";
        return 1;
    }
    consumer.set_listener([&remaining](std::span<const rocketmq::ReceivedMessage> messages,
                                       rocketmq::ConsumeContext&) {
        for (const rocketmq::ReceivedMessage& m : messages) {
            std::cout << example::to_string(m) + "\n";
            remaining.count_down();
        }
        // Broadcasting has no redelivery: reconsume_later only logs a warning.
        return rocketmq::ConsumeResult::success;
    });
    if (auto started = consumer.start_blocking(); !started) {
        std::cerr << "start failed: " << started.error().message() << "\n";
        return 1;
    }

    remaining.wait();
    consumer.shutdown_blocking();  // also writes the offsets file
    return 0;
}
