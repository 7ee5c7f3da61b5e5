#pragma once
// A single-node etcd (Debian's etcd-server) on loopback ports for the failover tests, its data
// in the test's directory. Without an etcd binary the test binary exits as skipped, saying why
// (scripts/install-deps installs it).
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "child_process.hpp"
#include "free_ports.hpp"
#include "temp_dir.hpp"

namespace rmq::test {

class EtcdProcess {
  public:
    static constexpr int kSkipExitCode = 77;  // ctest counts it as skipped (SKIP_RETURN_CODE)

    explicit EtcdProcess(const TempDir& dir) {
        const char* configured = std::getenv("RMQ_ETCD");
        const std::filesystem::path exe = configured && *configured ? configured : "/usr/bin/etcd";
        if (!std::filesystem::exists(exe)) {
            std::printf(
                "skipped: no etcd at %s (Debian's etcd-server; scripts/install-deps "
                "installs it, RMQ_ETCD names another)\n",
                exe.c_str());
            std::fflush(stdout);
            std::_Exit(kSkipExitCode);
        }
        const int client_port = free_port_block();
        const int peer_port = free_port_block();
        const std::string client_url = "http://127.0.0.1:" + std::to_string(client_port);
        const std::string peer_url = "http://127.0.0.1:" + std::to_string(peer_port);
        endpoint_ = "127.0.0.1:" + std::to_string(client_port);
        process_ = std::make_unique<ChildProcess>(
            exe,
            std::vector<std::string>{
                "--name", "fault", "--data-dir", (dir.path() / "etcd").string(),
                "--listen-client-urls", client_url, "--advertise-client-urls", client_url,
                "--listen-peer-urls", peer_url, "--initial-advertise-peer-urls", peer_url,
                "--initial-cluster", "fault=" + peer_url},
            dir.path() / "etcd.log");
        INFO(process_->log());
        REQUIRE(process_->wait_for_log("ready to serve client requests", std::chrono::seconds(30)));
    }

    const std::string& endpoint() const { return endpoint_; }

  private:
    std::string endpoint_;
    std::unique_ptr<ChildProcess> process_;
};

}  // namespace rmq::test
