#pragma once
// Real name server and broker processes for client tests, and a thread-safe collector the
// listeners fill and the tests wait on.
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "rocketmq/message.hpp"
#include "rocketmq/options.hpp"
#include "server_processes.hpp"

namespace rmq::test {

inline constexpr int kSkipExitCode = 77;

/// The Java reference's bin-java when the client tests run against Apache RocketMQ 4.9.8
/// (RMQ_CLIENT_TEST_BROKER=java and RMQ_JAVA_REFERENCE=<its folder>), else empty.
inline std::string java_reference_launcher() {
    const char* which = std::getenv("RMQ_CLIENT_TEST_BROKER");
    if (!which || std::string(which) != "java") return {};
    const char* home = std::getenv("RMQ_JAVA_REFERENCE");
    if (!home || !*home || !std::filesystem::exists(std::string(home) + "/bin-java")) {
        // ctest counts exit code 77 as skipped (SKIP_RETURN_CODE).
        std::printf(
            "skipped: RMQ_JAVA_REFERENCE does not name Apache RocketMQ 4.9.8's reference "
            "(scripts/test-all sets it when ../shared/reference/rocketmq-4.9.8 exists)\n");
        std::fflush(stdout);
        std::_Exit(kSkipExitCode);
    }
    return std::string(home) + "/bin-java";
}

/// A loopback port with its neighbours free (the Java broker also opens port-2 and port+1).
inline int free_port_block() {
    for (int attempt = 0; attempt < 50; ++attempt) {
        boost::asio::io_context io;
        boost::asio::ip::tcp::acceptor probe(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
        const int port = probe.local_endpoint().port();
        probe.close();
        bool free = port > 1030;
        for (int p : {port - 2, port - 1, port + 1}) {
            boost::system::error_code ec;
            boost::asio::ip::tcp::acceptor other(io);
            other.open(boost::asio::ip::tcp::v4(), ec);
            other.bind({boost::asio::ip::make_address("127.0.0.1"), static_cast<uint16_t>(p)}, ec);
            if (ec) free = false;
        }
        if (free) return port;
    }
    FAIL("no free block of loopback ports");
    return 0;
}

/// Apache RocketMQ 4.9.8's name server and broker (the reference), for the same tests.
inline void start_java_cluster(const TempDir& dir, const std::string& launcher, ServerProcess& ns,
                               ServerProcess& broker, const std::vector<std::string>& settings) {
    // The Java broker refuses every put once the disk is 90% full; a busy build machine must not
    // fail these tests, so only a truly full disk does.
    ::setenv("RMQ_REF_HEAP",
             "-Xms256m -Xmx512m -XX:MaxDirectMemorySize=512m "
             "-Drocketmq.broker.diskSpaceWarningLevelRatio=0.98",
             1);
    // A port found free may be taken by another test before the JVM binds it: try another.
    int ns_port = 0;
    for (int attempt = 0; attempt < 3; ++attempt) {
        ns_port = free_port_block();
        std::ofstream(dir.path() / "ns.conf") << "listenPort=" << ns_port << "\n";
        ns.process = std::make_unique<ChildProcess>(
            launcher, std::vector<std::string>{"namesrv", "-c", (dir.path() / "ns.conf").string()},
            dir.path() / "java-ns.log");
        if (ns.process->wait_for_log("boot success", std::chrono::seconds(60))) break;
        WARN("the Java name server did not start on port " << ns_port << ": " << ns.process->log());
        ns.process.reset();
    }
    REQUIRE(ns.process);
    ns.addr = "127.0.0.1:" + std::to_string(ns_port);
    const int broker_port = free_port_block();
    {
        std::ofstream conf(dir.path() / "broker.conf");
        conf << "brokerClusterName=DefaultCluster\nbrokerName=broker-a\nbrokerId=0\n"
             << "brokerIP1=127.0.0.1\nlistenPort=" << broker_port
             << "\nstorePathRootDir=" << (dir.path() / "java-store").string()
             << "\nnamesrvAddr=" << ns.addr
             << "\nautoCreateTopicEnable=true\nmappedFileSizeCommitLog=67108864\n";
        for (const auto& s : settings)
            conf << s << "\n";
    }
    broker.process = std::make_unique<ChildProcess>(
        launcher, std::vector<std::string>{"broker", "-c", (dir.path() / "broker.conf").string()},
        dir.path() / "java-broker.log");
    INFO(broker.process->log());
    REQUIRE(broker.process->wait_for_log("boot success", std::chrono::seconds(90)));
    broker.addr = "127.0.0.1:" + std::to_string(broker_port);
}

/// Our mqnamesrv and mqbroker, or Apache RocketMQ's (RMQ_CLIENT_TEST_BROKER=java): the client
/// must behave the same against both.
struct ClientCluster {
    TempDir dir;
    ServerProcess ns;
    ServerProcess broker;
    explicit ClientCluster(std::vector<std::string> broker_settings = {}) {
        if (const auto java = java_reference_launcher(); !java.empty()) {
            start_java_cluster(dir, java, ns, broker, broker_settings);
            return;
        }
        ns = start_namesrv(dir, "ns");
        broker = start_broker(dir, "broker-a", ns.addr, std::move(broker_settings));
        // The broker registers before "boot success"; a first registration that failed would
        // only be retried 30 s later, so a test starts once the name server routes TBW102.
        remoting::RemotingClient raw;
        REQUIRE(wait_for_route(raw, ns.addr, "TBW102", [](int code) { return code == 0; }) == 0);
    }
    rocketmq::ClientOptions client(std::string instance = "DEFAULT") const {
        rocketmq::ClientOptions c;
        c.namesrv_addr = ns.addr;
        c.instance_name = std::move(instance);
        return c;
    }
};

/// Messages received by listeners, from any thread.
class Received {
  public:
    void add(const rocketmq::ReceivedMessage& m) {
        std::lock_guard lock(mutex_);
        messages_.push_back(m);
        changed_.notify_all();
    }
    /// Waits until `predicate(messages)` holds; false at the timeout.
    bool wait(const std::function<bool(const std::vector<rocketmq::ReceivedMessage>&)>& predicate,
              std::chrono::milliseconds timeout) {
        std::unique_lock lock(mutex_);
        return changed_.wait_for(lock, timeout, [&] { return predicate(messages_); });
    }
    bool wait_for_count(size_t n, std::chrono::milliseconds timeout) {
        return wait([n](const auto& all) { return all.size() >= n; }, timeout);
    }
    std::vector<rocketmq::ReceivedMessage> snapshot() const {
        std::lock_guard lock(mutex_);
        return messages_;
    }
    std::vector<std::string> bodies() const {
        std::lock_guard lock(mutex_);
        std::vector<std::string> out;
        for (const auto& m : messages_)
            out.push_back(m.body);
        return out;
    }

  private:
    mutable std::mutex mutex_;
    std::condition_variable changed_;
    std::vector<rocketmq::ReceivedMessage> messages_;
};

}  // namespace rmq::test
