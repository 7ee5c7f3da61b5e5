#include "nameserver.hpp"

#include "broker_expiry.hpp"
#include "common/log.hpp"
#include "common/split.hpp"
#include "config/server_configs.hpp"
#include "handlers.hpp"
#include "store/config_file.hpp"

namespace rmq::nameserver {

NameServerOptions NameServerOptions::from(const config::NamesrvStartup& startup) {
    NameServerOptions o;
    o.port = static_cast<uint16_t>(startup.netty_server.listen_port);
    o.kv_config_path = startup.namesrv.kv_config_path;
    o.order_message_enable = startup.namesrv.order_message_enable;
    o.idle_timeout =
        std::chrono::seconds(startup.netty_server.server_channel_max_idle_time_seconds);
    o.http_port = startup.namesrv.http_listen_port > 0 ? startup.namesrv.http_listen_port : -1;
    o.http_paths = startup.namesrv.http_ns_addr_paths;
    o.startup = startup;
    return o;
}

NameServer::NameServer(NameServerOptions options)
    : options_(std::move(options)),
      configuration_(options_.startup, options_.startup.namesrv.config_store_path,
                     [](const std::filesystem::path& file, std::string_view text) {
                         return store::write_config_file(file, text);
                     }),
      kv_(options_.kv_config_path),
      context_{routes_, kv_, configuration_, {options_.order_message_enable}} {
}

NameServer::~NameServer() {
    stop();
}

common::Result<void> NameServer::start() {
    if (auto r = kv_.load(); !r) return r.error();
    remoting::ServerConfig config;
    config.bind_address = options_.bind_address;
    config.port = options_.port;
    config.io_threads = options_.io_threads;
    config.connection.max_idle = options_.idle_timeout;
    server_ = std::make_unique<remoting::RemotingServer>(config);
    register_handlers(*server_, context_);
    server_->on_connection_closed([this](const remoting::CloseEvent& event) {
        routes_.channel_closed(channel_id_of(event.connection.get()));
    });
    if (auto listening = server_->start(); !listening) return listening;
    if (options_.http_port >= 0) {
        if (auto serving = start_http(); !serving) {
            server_->stop();
            return serving;
        }
    }
    services_ =
        std::make_unique<service::ServiceRunner>(server_->pool().at(0).get_executor(), "namesrv");
    services_->spawn("broker expiry", [this] {
        return expire_silent_brokers(routes_, options_.broker_expiry, options_.scan_interval);
    });
    return {};
}

common::Result<void> NameServer::start_http() {
    http::AddressServer::Routes routes;
    // Clients on other hosts need a routable address, not the wildcard we listen on.
    const std::string host =
        options_.bind_address == "0.0.0.0" ? config::local_ipv4_address() : options_.bind_address;
    const std::string own = options_.http_addresses.empty()
                                ? host + ":" + std::to_string(server_->port())
                                : options_.http_addresses;
    for (auto path : common::split_nonempty(options_.http_paths, ';'))
        routes[std::string(path)] = [own] { return own; };
    // A poll now and then: the remoting server's first I/O thread serves it beside its own work.
    http_ = std::make_unique<http::AddressServer>(server_->pool().at(0), std::move(routes));
    return http_->listen(options_.bind_address, static_cast<uint16_t>(options_.http_port));
}

void NameServer::stop() {
    if (!server_ || stopped_.exchange(true)) return;
    // Both run on the server's threads, so they end while those still run.
    if (services_) services_->stop();
    if (http_) http_->stop();
    server_->stop(std::chrono::seconds(3));
}

uint16_t NameServer::port() const {
    return server_ ? server_->port() : 0;
}

uint16_t NameServer::http_port() const {
    return http_ ? http_->port() : 0;
}

}  // namespace rmq::nameserver
