// Our C++ client on one end of the interop tests with third-party clients (ali-ons, the Java
// client): it produces messages with tags, keys and a user property, or consumes and prints
// every message, one line each, in the same format as tests/interop/java/Interop.java.
//
//   client_interop_tool produce <namesrv> <topic> <count>
//   client_interop_tool consume <namesrv> <topic> <group> <count> <timeoutSeconds>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <string>

#include "rocketmq/producer.hpp"
#include "rocketmq/push_consumer.hpp"

namespace {

int produce(const std::string& namesrv, const std::string& topic, int count) {
    rocketmq::ProducerOptions options;
    options.group = "CppInteropProducer";
    rocketmq::ClientOptions client;
    client.namesrv_addr = namesrv;
    rocketmq::Producer producer(options, client);
    if (auto started = producer.start(); !started) {
        std::fprintf(stderr, "%s\n", started.error().message().c_str());
        return 1;
    }
    for (int i = 0; i < count; ++i) {
        rocketmq::Message m(topic, "TagCpp", "cpp-key-" + std::to_string(i),
                            "cpp-body-" + std::to_string(i));
        m.set_property("origin", "cpp");
        auto sent = producer.send_blocking(std::move(m));
        if (!sent) {
            std::fprintf(stderr, "%s\n", sent.error().message().c_str());
            return 1;
        }
        std::printf("SENT %s %s\n", rocketmq::to_string(sent->status), sent->msg_id.c_str());
    }
    std::fflush(stdout);
    return 0;
}

int consume(const std::string& namesrv, const std::string& topic, const std::string& group,
            int count, int timeout_seconds) {
    rocketmq::PushConsumerOptions options;
    options.group = group;
    options.consume_from_where = rocketmq::ConsumeFromWhere::first_offset;
    rocketmq::ClientOptions client;
    client.namesrv_addr = namesrv;
    rocketmq::PushConsumer consumer(options, client);
    std::mutex mutex;
    std::condition_variable all_seen;
    int seen = 0;
    (void)consumer.subscribe(topic, "*");
    consumer.set_listener([&](std::span<const rocketmq::ReceivedMessage> batch,
                              rocketmq::ConsumeContext&) {
        std::lock_guard lock(mutex);
        for (const auto& m : batch) {
            std::printf("MSG %s|%s|%s|%s|%s|%s\n", m.topic.c_str(), std::string(m.tags()).c_str(),
                        std::string(m.keys()).c_str(), std::string(m.property("origin")).c_str(),
                        m.body.c_str(), m.msg_id.c_str());
            ++seen;
        }
        std::fflush(stdout);
        all_seen.notify_all();
        return rocketmq::ConsumeResult::success;
    });
    if (auto started = consumer.start_blocking(); !started) {
        std::fprintf(stderr, "%s\n", started.error().message().c_str());
        return 1;
    }
    std::printf("STARTED\n");
    std::fflush(stdout);
    std::unique_lock lock(mutex);
    const bool done = all_seen.wait_for(lock, std::chrono::seconds(timeout_seconds),
                                        [&] { return seen >= count; });
    lock.unlock();
    consumer.shutdown_blocking();
    std::printf(done ? "DONE\n" : "TIMEOUT\n");
    return done ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
    const std::string mode = argc > 1 ? argv[1] : "";
    if (mode == "produce" && argc == 5) return produce(argv[2], argv[3], std::stoi(argv[4]));
    if (mode == "consume" && argc == 7)
        return consume(argv[2], argv[3], argv[4], std::stoi(argv[5]), std::stoi(argv[6]));
    std::fprintf(
        stderr,
        "usage: client_interop_tool produce <namesrv> <topic> <count>\n"
        "       client_interop_tool consume <namesrv> <topic> <group> <count> <timeout>\n");
    return 2;
}
