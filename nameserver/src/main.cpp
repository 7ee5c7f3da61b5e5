// mqnamesrv: the name server. Options like RocketMQ's (`-c file`, `-p`, `-h`) plus `key=value`
// overrides; stops cleanly on SIGINT/SIGTERM.
#include <signal.h>

#include <cstdio>
#include <iostream>

#include "common/log.hpp"
#include "common/process_limits.hpp"
#include "config/command_line.hpp"
#include "nameserver.hpp"

int main(int argc, char** argv) {
    using namespace rmq;
    auto startup = config::parse_namesrv_command_line(config::args_from_argv(argc, argv),
                                                      config::Environment::from_process());
    if (!startup) {
        std::cerr << "mqnamesrv: " << startup.error().message << "\n";
        return 1;
    }
    if (startup->action != config::StartupAction::run) {
        std::cout << startup->output;
        return 0;
    }
    for (const auto& warning : startup->warnings)
        log::warn("namesrv", warning);

    raise_open_files_limit();  // a socket per broker and client

    // Signals are taken synchronously by this thread; every other thread blocks them.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    nameserver::NameServer server(nameserver::NameServerOptions::from(*startup));
    if (auto started = server.start(); !started) {
        std::cerr << "mqnamesrv: " << started.error().message << "\n";
        return 1;
    }
    std::cout << "The Name Server boot success. serializeType=JSON, listening on port "
              << server.port();
    if (server.http_port()) std::cout << ", address service on http port " << server.http_port();
    std::cout << std::endl;
    int received = 0;
    sigwait(&signals, &received);
    log::info("namesrv", std::string("stopping on ") + (received == SIGINT ? "SIGINT" : "SIGTERM"));
    server.stop();
    return 0;
}
