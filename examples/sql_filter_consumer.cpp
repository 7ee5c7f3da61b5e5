// SQL92 filtering: the broker delivers only the messages whose properties match an expression,
// here those with a user property `a` between 0 and 3 (a producer sets it with
// message.set_property("a", "2")). Prints them and exits after `-c`.
//   sql_filter_consumer -n 127.0.0.1:9876 [-t SqlFilterTopic] [-c 10]
//
// Brokers filter by SQL92 only when started with enablePropertyFilter=true (ours and Java's);
// others refuse the subscription, and so does any broker for a selector that does not compile:
// start() fails with their answer. That check needs the topic's route: for a topic that does
// not exist yet at start(), the refusal shows later, as pull errors in the log (as with Java).
#include <iostream>
#include <rocketmq/push_consumer.hpp>
#include <span>

#include "example_common.hpp"

int main(int argc, char** argv) {
    example::Args args = example::parse_args(argc, argv, "SqlFilterTopic");

    rocketmq::PushConsumerOptions options;
    options.group = "sql_filter_consumer_group";
    options.consume_from_where = rocketmq::ConsumeFromWhere::first_offset;
    rocketmq::ClientOptions client;
    client.namesrv_addr = args.namesrv;  // empty: NAMESRV_ADDR

    example::CountDown remaining(args.count);
    rocketmq::PushConsumer consumer(options, client);
    auto selector = rocketmq::MessageSelector::by_sql("a BETWEEN 0 AND 3");
    if (auto subscribed = consumer.subscribe(args.topic, selector); !subscribed) {
        std::cerr << "subscribe failed: " << subscribed.error().message() << "\n";
        return 1;
    }
    consumer.set_listener([&remaining](std::span<const rocketmq::ReceivedMessage> messages,
                                       rocketmq::ConsumeContext&) {
        for (const rocketmq::ReceivedMessage& m : messages) {
            std::cout << example::to_string(m) + " a=" + std::string(m.property("a")) + "\n";
            remaining.count_down();
        }
        return rocketmq::ConsumeResult::success;
    });
    // The brokers check the expression here (CHECK_CLIENT_CONFIG), before any pull.
    if (auto started = consumer.start_blocking(); !started) {
        std::cerr << "start failed: " << started.error().message() << "\n";
        if (started.error().kind == rocketmq::ErrorKind::broker_refused)
            std::cerr << "(SQL92 filtering needs brokers started with enablePropertyFilter=true)\n";
        return 1;
    }

    remaining.wait();
    consumer.shutdown_blocking();
    return 0;
}
