// Transactional messages: each message is first stored as a "half" message, invisible to
// consumers; then the local transaction runs and its outcome commits (delivers) or rolls back
// (drops) the message. Here even messages commit and odd ones answer "unknown".
//   transaction_producer -n 127.0.0.1:9876 [-t TransactionTopic] [-c 10]
//
// An unknown outcome leaves the message half: the broker asks the producer group about it later
// (after transactionTimeOut, 6 s, then every transactionCheckInterval, 60 s by default), and a
// running producer of the group answers with its checker, which commits it here. This program
// shuts down right after sending, so only a producer of the group still (or again) running at
// check time sees those "check" lines.
#include <iostream>
#include <rocketmq/transaction_producer.hpp>
#include <string>

#include "example_common.hpp"

int main(int argc, char** argv) {
    example::Args args = example::parse_args(argc, argv, "TransactionTopic");

    rocketmq::ProducerOptions options;
    options.group = "transaction_producer_group";  // the broker's checks go to this group
    rocketmq::ClientOptions client;
    client.namesrv_addr = args.namesrv;  // empty: NAMESRV_ADDR

    // The checker answers the broker's checks, on the producer's check thread: a real one would
    // look the transaction (m.unique_key(), or a business key) up in its database.
    auto checker = [](const rocketmq::ReceivedMessage& m) {
        std::cout << "check " + m.msg_id + " keys=" + std::string(m.keys()) + ": commit\n";
        return rocketmq::LocalTransactionState::commit;
    };
    rocketmq::TransactionProducer producer(options, checker, client);
    if (auto started = producer.start(); !started) {
        std::cerr << "start failed: " << started.error().message() << "\n";
        return 1;
    }

    for (int i = 0; i < args.count; ++i) {
        rocketmq::Message message(args.topic, "TagA", "tx-" + std::to_string(i),
                                  "transactional message " + std::to_string(i));
        // The local transaction (a database update, say) runs once the half message is stored.
        auto local = [i](const rocketmq::Message&) {
            return i % 2 == 0 ? rocketmq::LocalTransactionState::commit
                              : rocketmq::LocalTransactionState::unknown;
        };
        auto result = producer.send_in_transaction_blocking(std::move(message), local);
        if (!result) {
            std::cerr << "send failed: " << result.error().message() << "\n";
            return 1;
        }
        std::cout << example::to_string(*result)
                  << " local_state=" << rocketmq::to_string(result->local_state) << "\n";
    }
    producer.shutdown_blocking();
    return 0;
}
