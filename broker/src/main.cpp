// mqbroker: the broker. Options like RocketMQ's (`-c broker.properties`, `-n namesrv`, `-p`,
// `-m`, `-h`) plus `key=value` overrides; stops cleanly on SIGINT/SIGTERM.
#include <signal.h>

#include <iostream>

#include "common/log.hpp"
#include "common/process_limits.hpp"
#include "config/command_line.hpp"
#include "core/broker.hpp"

int main(int argc, char** argv) {
    using namespace rmq;
    auto startup = config::parse_broker_command_line(config::args_from_argv(argc, argv),
                                                     config::Environment::from_process());
    if (!startup) {
        std::cerr << "mqbroker: " << startup.error().message << "\n";
        return 1;
    }
    if (startup->action != config::StartupAction::run) {
        std::cout << startup->output;
        return 0;
    }
    for (const auto& warning : startup->warnings)
        log::warn("broker", warning);

    const auto open_files = raise_open_files_limit();
    if (open_files < 65536)
        log::warn("broker",
                  "open files limit is " + std::to_string(open_files)
                      + "; raise the hard limit (ulimit -Hn) for many clients and queues");

    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    broker::Broker broker(std::move(*startup));
    if (auto started = broker.start(); !started) {
        std::cerr << "mqbroker: " << started.error().message << "\n";
        return 1;
    }
    std::cout << "The broker[" << broker.broker_addr() << "] boot success." << std::endl;
    int received = 0;
    sigwait(&signals, &received);
    log::info("broker", std::string("stopping on ") + (received == SIGINT ? "SIGINT" : "SIGTERM"));
    broker.shutdown();
    return 0;
}
