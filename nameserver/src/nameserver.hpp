#pragma once
// mqnamesrv as a class (NamesrvController): the remoting server with the handler table
// (handlers.cpp), broker expiry every 10 s, route clean-up when a broker's connection closes, the
// KV config and the optional HTTP address service, all on the remoting server's I/O threads.
// Tests run it in-process on ephemeral ports.
#include <atomic>
#include <memory>
#include <string>

#include "config/command_line.hpp"
#include "config/live_configuration.hpp"
#include "context.hpp"
#include "http/address_server.hpp"
#include "kv_config_manager.hpp"
// Not used here: benchmarks/nameserver reaches NameServerProcessor through this header.
#include "nameserver_processor.hpp"
#include "remoting/server.hpp"
#include "route_info_manager.hpp"
#include "service/service_runner.hpp"

namespace rmq::nameserver {

struct NameServerOptions {
    std::string bind_address = "0.0.0.0";
    uint16_t port = 9876;
    std::filesystem::path kv_config_path;
    bool order_message_enable = false;
    std::chrono::milliseconds broker_expiry{120000};
    std::chrono::milliseconds scan_interval{10000};
    std::chrono::seconds idle_timeout{120};
    /// Remoting I/O threads (0 = one per core); benchmarks pin it to compare with other servers.
    size_t io_threads = 0;
    /// HTTP address service: 0 = off (the list served is this server's own address, or
    /// `http_addresses` when set).
    int32_t http_port = -1;
    std::string http_paths = "/rocketmq/nsaddr";
    std::string http_addresses;
    /// What GET/UPDATE_NAMESRV_CONFIG show and change (the command line's result).
    config::NamesrvStartup startup;

    static NameServerOptions from(const config::NamesrvStartup& startup);
};

class NameServer {
  public:
    explicit NameServer(NameServerOptions options);
    ~NameServer();

    /// Loads the KV config and starts listening; an error names what failed.
    common::Result<void> start();
    void stop();

    uint16_t port() const;
    uint16_t http_port() const;
    RouteInfoManager& routes() { return routes_; }

  private:
    common::Result<void> start_http();

    NameServerOptions options_;
    NameServerContext::Configuration configuration_;
    RouteInfoManager routes_;
    KvConfigManager kv_;
    NameServerContext context_;
    std::unique_ptr<remoting::RemotingServer> server_;
    std::unique_ptr<http::AddressServer> http_;
    std::unique_ptr<service::ServiceRunner> services_;  // the broker expiry
    std::atomic<bool> stopped_{false};
};

}  // namespace rmq::nameserver
