// Request/reply: a responder (a push consumer answering each request with make_reply() and a
// producer of its own) and a requester whose request() waits for the answer, in one program.
//   request_reply -n 127.0.0.1:9876 [-t RequestTopic] [-c 3]
// The topic must exist (mqadmin updateTopic, or a broker with autoCreateTopicEnable).
#include <iostream>
#include <rocketmq/producer.hpp>
#include <rocketmq/push_consumer.hpp>
#include <span>

#include "example_common.hpp"

using namespace std::chrono_literals;

int main(int argc, char** argv) {
    example::Args args = example::parse_args(argc, argv, "RequestTopic");
    rocketmq::ClientOptions client;
    client.namesrv_addr = args.namesrv;  // empty: NAMESRV_ADDR

    // The responder: its replies go through a producer of its own client instance.
    rocketmq::ClientOptions responder_client = client;
    responder_client.instance_name = "responder";
    rocketmq::ProducerOptions replier_options;
    replier_options.group = "request_reply_replier";
    rocketmq::Producer replier(replier_options, responder_client);
    rocketmq::PushConsumerOptions consumer_options;
    consumer_options.group = "request_reply_responder";
    rocketmq::PushConsumer responder(consumer_options, responder_client);
    if (auto r = responder.subscribe(args.topic); !r) {
        std::cerr << "subscribe failed: " << r.error().message() << "\n";
        return 1;
    }
    responder.set_listener(
        [&replier](std::span<const rocketmq::ReceivedMessage> requests, rocketmq::ConsumeContext&) {
            for (const rocketmq::ReceivedMessage& request : requests) {
                auto reply = rocketmq::make_reply(request, "pong for " + request.body);
                if (!reply || !replier.send_blocking(*reply))
                    return rocketmq::ConsumeResult::reconsume_later;
            }
            return rocketmq::ConsumeResult::success;
        });
    rocketmq::ProducerOptions requester_options;
    requester_options.group = "request_reply_requester";
    rocketmq::Producer requester(requester_options, client);
    if (auto r = replier.start(); !r) {
        std::cerr << "start failed: " << r.error().message() << "\n";
        return 1;
    }
    if (auto r = requester.start(); !r) {
        std::cerr << "start failed: " << r.error().message() << "\n";
        return 1;
    }
    if (auto r = responder.start_blocking(); !r) {
        std::cerr << "start failed: " << r.error().message() << "\n";
        return 1;
    }

    int status = 0;
    for (int i = 0; i < args.count; ++i) {
        // Blocking here; `co_await requester.request(...)` and a callback form exist too.
        auto reply = requester.request_blocking(
            rocketmq::Message(args.topic, "ping " + std::to_string(i)), 10s);
        if (reply) {
            std::cout << "reply: " << reply->body << "\n";
        } else {
            std::cerr << "request failed: " << reply.error().message() << "\n";
            status = 1;
        }
    }
    responder.shutdown_blocking();
    replier.shutdown_blocking();
    requester.shutdown_blocking();
    return status;
}
