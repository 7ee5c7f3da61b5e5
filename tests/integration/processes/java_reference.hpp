#pragma once
// Apache RocketMQ 4.9.8's name server and broker (the Java reference, found through
// RMQ_JAVA_REFERENCE, which scripts/test-all sets when ../shared/reference exists) as child
// processes, for the tests that prove compatibility with the real thing.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "free_ports.hpp"
#include "server_processes.hpp"

namespace rmq::test {

inline constexpr int kSkipExitCode = 77;  // ctest counts it as skipped (SKIP_RETURN_CODE)

/// The reference's bin-java; without it the test binary exits as skipped, saying why.
inline std::string java_launcher_or_skip() {
    const char* home = std::getenv("RMQ_JAVA_REFERENCE");
    if (!home || !*home || !std::filesystem::exists(std::string(home) + "/bin-java")) {
        std::printf(
            "skipped: RMQ_JAVA_REFERENCE does not name Apache RocketMQ 4.9.8's reference "
            "(scripts/test-all sets it when ../shared/reference/rocketmq-4.9.8 exists)\n");
        std::fflush(stdout);
        std::_Exit(kSkipExitCode);
    }
    return std::string(home) + "/bin-java";
}

inline void set_java_heap() {
    // The Java broker refuses every put once the disk is 90% full; a busy build machine must not
    // fail these tests, so only a truly full disk does.
    ::setenv("RMQ_REF_HEAP",
             "-Xms256m -Xmx512m -XX:MaxDirectMemorySize=512m "
             "-Drocketmq.broker.diskSpaceWarningLevelRatio=0.98",
             1);
}

/// The Java name server on a free port.
inline ServerProcess start_java_namesrv(const TempDir& dir, const std::string& launcher) {
    set_java_heap();
    ServerProcess ns;
    // A port found free may be taken by another test before the JVM binds it: try another.
    int port = 0;
    for (int attempt = 0; attempt < 3; ++attempt) {
        port = free_port_block();
        std::ofstream(dir.path() / "java-ns.conf") << "listenPort=" << port << "\n";
        ns.process = std::make_unique<ChildProcess>(
            launcher,
            std::vector<std::string>{"namesrv", "-c", (dir.path() / "java-ns.conf").string()},
            dir.path() / "java-ns.log");
        if (ns.process->wait_for_log("boot success", std::chrono::seconds(60))) break;
        WARN("the Java name server did not start on port " << port << ": " << ns.process->log());
        ns.process.reset();
    }
    REQUIRE(ns.process);
    ns.addr = "127.0.0.1:" + std::to_string(port);
    return ns;
}

/// A Java broker named `name` (its files under dir/name) on a free port block, registering with
/// `namesrv`; `settings` are more "key=value" lines of its config (they may override these).
inline ServerProcess start_java_broker(const TempDir& dir, const std::string& launcher,
                                       const std::string& name, const std::string& namesrv,
                                       const std::vector<std::string>& settings) {
    set_java_heap();
    const int port = free_port_block();
    const auto conf_path = dir.path() / (name + ".conf");
    {
        std::ofstream conf(conf_path);
        conf << "brokerClusterName=DefaultCluster\nbrokerName=broker-a\nbrokerId=0\n"
             << "brokerIP1=127.0.0.1\nbrokerIP2=127.0.0.1\nlistenPort=" << port
             << "\nstorePathRootDir=" << (dir.path() / name).string() << "\nnamesrvAddr=" << namesrv
             << "\nautoCreateTopicEnable=true\nmappedFileSizeCommitLog=67108864\n";
        for (const auto& s : settings)
            conf << s << "\n";
    }
    ServerProcess broker;
    broker.process = std::make_unique<ChildProcess>(
        launcher, std::vector<std::string>{"broker", "-c", conf_path.string()},
        dir.path() / (name + ".log"));
    INFO(broker.process->log());
    REQUIRE(broker.process->wait_for_log("boot success", std::chrono::seconds(90)));
    broker.addr = "127.0.0.1:" + std::to_string(port);
    return broker;
}

}  // namespace rmq::test
