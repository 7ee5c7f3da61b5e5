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
    sigaddset(&signals, SIGUSR2);  // ours: a broker under failover asks to rejoin its group
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    // Under automatic failover a deposed master (or a slave past a new master's log) restarts
    // in this process: the new broker truncates its log and follows the new master.
    const config::BrokerStartup original = std::move(*startup);
    for (bool rejoining = false;; rejoining = true) {
        broker::Broker broker(original);
        broker.on_rejoin([](const std::string&) { kill(getpid(), SIGUSR2); });
        if (auto started = broker.start(); !started) {
            std::cerr << "mqbroker: " << started.error().message << "\n";
            if (!rejoining) return 1;
            // Keep trying (etcd may be away too), but stop when asked.
            broker.shutdown();
            const timespec pause{3, 0};
            const int got = sigtimedwait(&signals, nullptr, &pause);
            if (got == SIGINT || got == SIGTERM) return 0;
            continue;
        }
        std::cout << "The broker[" << broker.broker_addr() << "] boot success." << std::endl;
        int received = 0;
        sigwait(&signals, &received);
        if (received == SIGUSR2) {
            log::info("broker", "restarting to rejoin the failover group");
            broker.shutdown();
            continue;
        }
        log::info("broker",
                  std::string("stopping on ") + (received == SIGINT ? "SIGINT" : "SIGTERM"));
        broker.shutdown();
        return 0;
    }
}
