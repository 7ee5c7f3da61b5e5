#pragma once
// Command lines of `mqnamesrv` and `mqbroker` (spec/config.md §1): options, the `-c` file,
// `key=value` overrides (our extension), NAMESRV_ADDR / rocketmq.namesrv.addr, validation.
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/server_configs.hpp"

namespace rmq::config {

enum class StartupAction {
    run,
    print_config,     // -p: `output` holds every key; print it and exit 0
    print_important,  // -m (broker): `output` holds the important keys; print and exit 0
    help,             // -h: `output` holds the usage; print it and exit 0
};

struct NamesrvStartup {
    StartupAction action = StartupAction::run;
    NamesrvConfig namesrv;
    NettyServerConfig netty_server;
    std::optional<std::filesystem::path> config_file;      // -c
    std::map<std::string, std::string> system_properties;  // -Dkey=value / dotted key=value
    std::vector<std::string> warnings;                     // unknown keys (the caller logs them)
    std::string output;

    /// Schemas bound to this object's members (rebuild after moving the object).
    std::vector<Schema> schemas();
};

struct BrokerStartup {
    StartupAction action = StartupAction::run;
    BrokerConfig broker;
    NettyServerConfig netty_server;
    NettyClientConfig netty_client;
    store::StoreConfig store;
    StoreExtras store_extras;  // MessageStoreConfig keys StoreConfig lacks; haListenPort here
    std::optional<std::filesystem::path> config_file;  // -c
    /// Where UPDATE_BROKER_CONFIG writes: the -c file, else ~/store/config/broker.properties.
    std::filesystem::path config_store_path;
    /// -D / dotted arguments, plus rocketmq.namesrv.domain(.subgroup) copied from the file's
    /// rmqAddressServerDomain / rmqAddressServerSubGroup.
    std::map<std::string, std::string> system_properties;
    std::vector<std::string> warnings;
    std::string output;

    int32_t ha_listen_port() const {
        return static_cast<int32_t>(store_extras.get_int("haListenPort"));
    }
    /// Schemas bound to this object's members, in `-p` order (rebuild after moving the object).
    std::vector<Schema> schemas();
};

/// Parses `mqnamesrv` arguments (argv without the program name). Errors name the problem
/// (unknown option, unreadable file, malformed value with key/file/line); print and exit 1.
Result<NamesrvStartup> parse_namesrv_command_line(const std::vector<std::string>& args,
                                                  const Environment& env);
Result<BrokerStartup> parse_broker_command_line(const std::vector<std::string>& args,
                                                const Environment& env);

std::string namesrv_usage();
std::string broker_usage();

/// `host:port;host:port` (a trailing `;` allowed, as Java's split drops it).
Result<void> validate_namesrv_addr(std::string_view addr);

std::vector<std::string> args_from_argv(int argc, char** argv);

}  // namespace rmq::config
