#pragma once
// Real mqnamesrv / mqbroker processes on ephemeral loopback ports, each with its files and log
// under the test's temporary directory, and a remoting client to talk to them.
#include <chrono>
#include <fstream>
#include <memory>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "catch.hpp"
#include "child_process.hpp"
#include "client_requests.hpp"
#include "proto/headers.hpp"
#include "proto/request_code.hpp"
#include "remoting/client.hpp"
#include "temp_dir.hpp"

namespace rmq::test {

inline constexpr auto kBootTimeout = std::chrono::seconds(20);

struct ServerProcess {
    std::unique_ptr<ChildProcess> process;
    std::string addr;  // 127.0.0.1:<port>

    std::string log() const { return process->log(); }
};

/// Starts mqnamesrv with listenPort=0 and reads the bound port from its boot line.
inline ServerProcess start_namesrv(const TempDir& dir, const std::string& name,
                                   std::vector<std::string> extra = {}) {
    std::filesystem::create_directories(dir.path() / name);
    std::vector<std::string> args{
        "listenPort=0", "kvConfigPath=" + (dir.path() / name / "kv.json").string(),
        "configStorePath=" + (dir.path() / name / "namesrv.properties").string()};
    args.insert(args.end(), extra.begin(), extra.end());
    ServerProcess s;
    s.process = std::make_unique<ChildProcess>(RMQ_MQNAMESRV, args, dir.path() / (name + ".log"));
    INFO(s.process->log());
    REQUIRE(s.process->wait_for_log("boot success", kBootTimeout));
    std::smatch m;
    const auto log = s.process->log();
    REQUIRE(std::regex_search(log, m, std::regex("listening on port (\\d+)")));
    s.addr = "127.0.0.1:" + m[1].str();
    return s;
}

/// Starts mqbroker from a properties file (so UPDATE_BROKER_CONFIG writes there), listenPort=0.
inline ServerProcess start_broker(const TempDir& dir, const std::string& name,
                                  const std::string& namesrv_list,
                                  std::vector<std::string> extra = {}) {
    const auto home = dir.path() / name;
    std::filesystem::create_directories(home);
    const auto config = home / "broker.properties";
    std::ofstream(config) << "brokerClusterName=DefaultCluster\nbrokerName=" << name
                          << "\nbrokerIP1=127.0.0.1\nstorePathRootDir=" << (home / "store").string()
                          << "\nmappedFileSizeCommitLog=1048576\n";
    std::vector<std::string> args{"-c", config.string(), "-n", namesrv_list, "listenPort=0"};
    args.insert(args.end(), extra.begin(), extra.end());
    ServerProcess s;
    s.process = std::make_unique<ChildProcess>(RMQ_MQBROKER, args, dir.path() / (name + ".log"));
    INFO(s.process->log());
    REQUIRE(s.process->wait_for_log("boot success", kBootTimeout));
    std::smatch m;
    const auto log = s.process->log();
    REQUIRE(std::regex_search(log, m, std::regex("The broker\\[([0-9.]+:\\d+)\\] boot success")));
    s.addr = m[1].str();
    return s;
}

/// The response code of GET_ROUTEINFO_BY_TOPIC once `predicate(code)` holds, polling up to
/// `timeout` (registrations and removals land asynchronously).
template <class Predicate>
int wait_for_route(remoting::RemotingClient& client, const std::string& namesrv,
                   const std::string& topic, Predicate predicate,
                   std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    int code = -1;
    do {
        auto r = client.invoke_sync(namesrv, route_request(topic), std::chrono::seconds(3));
        code = r ? r->code : -1;
        if (predicate(code)) return code;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    } while (std::chrono::steady_clock::now() < deadline);
    return code;
}

/// The max offset of a queue once it reaches `n`, polling up to `timeout`: a send is
/// acknowledged before the dispatcher makes it visible to pulls.
inline int64_t wait_for_max_offset(remoting::RemotingClient& client, const std::string& broker,
                                   const std::string& topic, int32_t queue, int64_t n,
                                   std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    int64_t offset = -1;
    do {
        auto r =
            client.invoke_sync(broker, max_offset_request(topic, queue), std::chrono::seconds(3));
        const std::string* value = r && r->code == 0 ? r->ext("offset") : nullptr;
        if (value) offset = std::stoll(*value);
        if (offset >= n) return offset;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    } while (std::chrono::steady_clock::now() < deadline);
    return offset;
}

}  // namespace rmq::test
