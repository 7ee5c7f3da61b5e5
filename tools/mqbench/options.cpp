#include "options.hpp"

#include <cstdlib>
#include <stdexcept>

namespace mqbench {

std::string usage() {
    return R"(usage:
  mqbench producer -n ADDR [-t TOPIC] [-s SIZE] [-w SENDERS] [-k] [-a] [-m] [-q QUEUES] [-c CLUSTER]
                   [--duration S] [--rate N] [--tags T] [--batch N] [--connections N]
                   [--interval S] [--json]
  mqbench consumer -n ADDR [-t TOPIC] [-g GROUP] [-w SLOTS] [-m] [--duration S] [--interval S]
                   [--connections N] [--json]

  -n   name server(s), "host:port;host:port" (default: NAMESRV_ADDR)
  -t   topic (BenchmarkTest), created with -q queues per broker when missing
  -s   message body size in bytes (128)
  -w   producer: concurrent senders (64); consumer: listener calls at once (64)
  -k   a unique key per message      -a   async sends (callbacks, 16 in flight per sender)
  -m   message trace on (RMQ_SYS_TRACE_TOPIC)
  -g   consumer group (benchmark_consumer)
  --batch N        N messages per send (SEND_BATCH_MESSAGE)
  --rate N         at most N messages per second in all
  --connections N  N client instances, each with its own connection per broker
  --json           the last line is a JSON summary
)";
}

std::optional<Options> parse_options(const std::vector<std::string>& args, std::string& error) {
    Options o;
    if (args.empty() || (args[0] != "producer" && args[0] != "consumer")) {
        error = "the first argument is producer or consumer";
        return std::nullopt;
    }
    o.mode = args[0];
    auto value = [&](size_t& i) -> const std::string& {
        if (i + 1 >= args.size()) throw std::invalid_argument(args[i] + " needs a value");
        return args[++i];
    };
    try {
        for (size_t i = 1; i < args.size(); ++i) {
            const auto& a = args[i];
            if (a == "-n")
                o.namesrv = value(i);
            else if (a == "-t")
                o.topic = value(i);
            else if (a == "-g")
                o.group = value(i);
            else if (a == "-s")
                o.message_size = std::stoi(value(i));
            else if (a == "-w")
                o.senders = std::stoi(value(i));
            else if (a == "-k")
                o.keys = true;
            else if (a == "-a")
                o.async = true;
            else if (a == "-m")
                o.trace = true;
            else if (a == "-q")
                o.queues = std::stoi(value(i));
            else if (a == "-c")
                o.cluster = value(i);
            else if (a == "--duration")
                o.duration = std::stod(value(i));
            else if (a == "--rate")
                o.rate = std::stod(value(i));
            else if (a == "--tags")
                o.tags = value(i);
            else if (a == "--batch")
                o.batch = std::stoi(value(i));
            else if (a == "--connections")
                o.connections = std::stoi(value(i));
            else if (a == "--interval")
                o.interval = std::stod(value(i));
            else if (a == "--json")
                o.json = true;
            else if (a == "-h" || a == "--help") {
                error = "help";
                return std::nullopt;
            } else {
                error = "unknown option " + a;
                return std::nullopt;
            }
        }
    } catch (const std::exception& e) {
        error = std::string("bad option value: ") + e.what();
        return std::nullopt;
    }
    if (o.namesrv.empty())
        if (const char* env = std::getenv("NAMESRV_ADDR")) o.namesrv = env;
    if (o.namesrv.empty()) {
        error = "no name server: give -n host:port or set NAMESRV_ADDR";
        return std::nullopt;
    }
    if (o.message_size < 1 || o.senders < 1 || o.batch < 1 || o.connections < 1
        || o.interval <= 0) {
        error = "-s, -w, --batch, --connections and --interval must be positive";
        return std::nullopt;
    }
    if (o.group.empty())
        o.group = o.mode == "producer" ? "benchmark_producer" : "benchmark_consumer";
    return o;
}

}  // namespace mqbench
