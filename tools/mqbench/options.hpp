#pragma once
// mqbench's command line: the official benchmark tools' short options where they exist, plus
// --duration, --rate, --tags, --batch, --connections, --interval and --json.
#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace mqbench {

struct Options {
    std::string mode;  // "producer" or "consumer"
    std::string namesrv;
    std::string topic = "BenchmarkTest";
    std::string group;       // -g (consumer); producer group for producers
    int message_size = 128;  // -s
    int senders = 64;        // -w: concurrent senders (producer) / listener slots (consumer)
    bool keys = false;       // -k: a unique key per message
    bool async = false;      // -a: callback sends, a window of `async_window` per sender
    int async_window = 16;
    bool trace = false;  // -m: message trace (Pub / SubBefore / SubAfter records)
    int queues = 8;      // -q: queues per broker when the topic is created
    std::string cluster = "DefaultCluster";  // -c
    std::optional<double> duration;          // --duration seconds (default: until Ctrl-C)
    double rate = 0;                         // --rate messages/s over all senders (0 = as fast)
    std::string tags;                        // --tags
    int batch = 1;                           // --batch messages per send
    int connections = 1;                     // --connections: client instances (own connection)
    double interval = 1.0;                   // --interval seconds between reports
    bool json = false;                       // --json: last line is a JSON summary
};

/// Parses argv (after the program name); nullopt with `error` set on bad usage.
std::optional<Options> parse_options(const std::vector<std::string>& args, std::string& error);
std::string usage();

}  // namespace mqbench
