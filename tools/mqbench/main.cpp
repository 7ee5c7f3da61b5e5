// mqbench: load for RocketMQ brokers (ours or Apache's) from the C++ client.
#include <csignal>
#include <cstdio>
#include <thread>

#include "options.hpp"
#include "run.hpp"

namespace mqbench {

std::atomic<bool> g_stop{false};

bool wait_next_interval(const Options& options, std::chrono::steady_clock::time_point started,
                        std::chrono::steady_clock::time_point& next) {
    next += std::chrono::duration_cast<std::chrono::steady_clock::duration>(
        std::chrono::duration<double>(options.interval));
    std::optional<std::chrono::steady_clock::time_point> end;
    if (options.duration)
        end = started
              + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                  std::chrono::duration<double>(*options.duration));
    while (!g_stop) {
        const auto now = std::chrono::steady_clock::now();
        if (end && now >= *end) return false;
        if (now >= next) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
}

}  // namespace mqbench

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    std::string error;
    auto options = mqbench::parse_options(args, error);
    if (!options) {
        if (error == "help") {
            std::fputs(mqbench::usage().c_str(), stdout);
            return 0;
        }
        std::fprintf(stderr, "mqbench: %s\n%s", error.c_str(), mqbench::usage().c_str());
        return 2;
    }
    std::signal(SIGINT, [](int) { mqbench::g_stop = true; });
    std::signal(SIGTERM, [](int) { mqbench::g_stop = true; });
    return options->mode == "producer" ? mqbench::run_producer(*options)
                                       : mqbench::run_consumer(*options);
}
