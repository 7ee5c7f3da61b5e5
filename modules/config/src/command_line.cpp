#include "config/command_line.hpp"

namespace rmq::config {

namespace {

// System properties the servers understand when given as `-Dkey=value` or `key=value`.
constexpr const char* kNamesrvAddrProperty = "rocketmq.namesrv.addr";
constexpr const char* kHomeProperty = "rocketmq.home.dir";

struct ParsedArgs {
    std::optional<std::string> config_file;
    std::optional<std::string> namesrv_addr;
    bool print = false;
    bool print_important = false;
    bool help = false;
    std::vector<Property> overrides;  // line = 1-based argument index
    std::map<std::string, std::string> system_properties;
};

Result<ParsedArgs> parse_args(const std::vector<std::string>& args, bool broker) {
    ParsedArgs out;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto take_value = [&](std::string_view option) -> Result<std::string> {
            if (i + 1 >= args.size())
                return common::Error{errc::bad_argument,
                                     "option " + std::string(option) + " needs a value"};
            return args[++i];
        };
        auto long_with_value = [&](std::string_view name) -> std::optional<std::string> {
            std::string prefix = "--" + std::string(name) + "=";
            if (a.starts_with(prefix)) return a.substr(prefix.size());
            return std::nullopt;
        };
        if (a == "-c" || a == "--configFile") {
            auto v = take_value(a);
            if (!v) return v.error();
            out.config_file = *v;
        } else if (auto v = long_with_value("configFile")) {
            out.config_file = *v;
        } else if (a == "-n" || a == "--namesrvAddr") {
            auto nv = take_value(a);
            if (!nv) return nv.error();
            out.namesrv_addr = *nv;
        } else if (auto nv2 = long_with_value("namesrvAddr")) {
            out.namesrv_addr = *nv2;
        } else if (a == "-p" || a == "--printConfigItem") {
            out.print = true;
        } else if (broker && (a == "-m" || a == "--printImportantConfig")) {
            out.print_important = true;
        } else if (a == "-h" || a == "--help") {
            out.help = true;
        } else if (a.starts_with("-D") && a.find('=') != std::string::npos && a.size() > 2) {
            auto eq = a.find('=');
            out.system_properties[a.substr(2, eq - 2)] = a.substr(eq + 1);
        } else if (!a.starts_with("-") && a.find('=') != std::string::npos) {
            auto eq = a.find('=');
            std::string key = a.substr(0, eq);
            if (key.empty())
                return common::Error{errc::bad_argument, "argument \"" + a + "\" has no key"};
            if (key.find('.') != std::string::npos)
                out.system_properties[key] = a.substr(eq + 1);
            else
                out.overrides.push_back({key, a.substr(eq + 1), static_cast<int>(i + 1)});
        } else {
            return common::Error{errc::bad_argument, "unknown argument \"" + a + "\" (see -h)"};
        }
    }
    return out;
}

std::string property_or(const std::map<std::string, std::string>& props, const std::string& key,
                        const std::string& fallback) {
    auto it = props.find(key);
    return it == props.end() ? fallback : it->second;
}

Result<void> apply_file(const std::filesystem::path& file, const std::vector<Schema>& schemas,
                        std::vector<std::string>& warnings) {
    auto props = load_properties_file(file);
    if (!props) return props.error();
    auto applied = apply_properties(schemas, *props, {file.string(), true});
    if (!applied) return applied.error();
    warnings.insert(warnings.end(), applied->begin(), applied->end());
    return {};
}

Result<void> apply_overrides(const std::vector<Property>& overrides,
                             const std::vector<Schema>& schemas,
                             std::vector<std::string>& warnings) {
    if (overrides.empty()) return {};
    auto applied = apply_properties(schemas, overrides, {"command line", false});
    if (!applied) return applied.error();
    warnings.insert(warnings.end(), applied->begin(), applied->end());
    return {};
}

}  // namespace

std::vector<Schema> NamesrvStartup::schemas() {
    std::vector<Schema> s;
    s.push_back(namesrv_schema(namesrv));
    s.push_back(netty_server_schema(netty_server));
    return s;
}

std::vector<Schema> BrokerStartup::schemas() {
    std::vector<Schema> s;
    s.push_back(broker_schema(broker));
    s.push_back(netty_server_schema(netty_server));
    s.push_back(netty_client_schema(netty_client));
    s.push_back(store_schema(store));
    s.push_back(store_extras_schema(store_extras));
    return s;
}

std::string namesrv_usage() {
    return "usage: mqnamesrv [-c <file>] [-p] [-h] [key=value ...]\n"
           " -c,--configFile <file>     name server config properties file\n"
           " -p,--printConfigItem       print all config items and exit\n"
           " -n,--namesrvAddr <addr>    accepted for compatibility, no effect\n"
           " -h,--help                  print this help\n"
           " key=value                  set a config key (applied after the file)\n";
}

std::string broker_usage() {
    return "usage: mqbroker [-c <file>] [-n <addrs>] [-p] [-m] [-h] [key=value ...]\n"
           " -c,--configFile <file>          broker config properties file\n"
           " -n,--namesrvAddr <addrs>        name server address list, eg: "
           "'192.168.0.1:9876;192.168.0.2:9876'\n"
           " -p,--printConfigItem            print all config items and exit\n"
           " -m,--printImportantConfig       print important config items and exit\n"
           " -h,--help                       print this help\n"
           " key=value                       set a config key (after the file, before -n)\n"
           " -Drocketmq.namesrv.addr=<addrs> default name server list (as NAMESRV_ADDR)\n";
}

Result<void> validate_namesrv_addr(std::string_view addr) {
    auto bad = [&](std::string_view why) {
        return common::Error{errc::invalid_value, "invalid namesrvAddr \"" + std::string(addr)
                                                      + "\": " + std::string(why)
                                                      + " (expected host:port;host:port)"};
    };
    // Java's String.split drops trailing empty strings only.
    std::string_view rest = addr;
    while (!rest.empty() && rest.back() == ';')
        rest.remove_suffix(1);
    if (rest.empty()) return bad("empty");
    size_t start = 0;
    while (start <= rest.size()) {
        size_t end = rest.find(';', start);
        if (end == std::string_view::npos) end = rest.size();
        std::string_view item = rest.substr(start, end - start);
        auto colon = item.rfind(':');
        if (colon == std::string_view::npos || colon == 0)
            return bad("\"" + std::string(item) + "\" is not host:port");
        if (!parse_java_integer(item.substr(colon + 1), 0, 65535))
            return bad("\"" + std::string(item) + "\" has no valid port");
        start = end + 1;
    }
    return {};
}

std::vector<std::string> args_from_argv(int argc, char** argv) {
    std::vector<std::string> args;
    for (int i = 1; i < argc; ++i)
        args.emplace_back(argv[i]);
    return args;
}

Result<NamesrvStartup> parse_namesrv_command_line(const std::vector<std::string>& args,
                                                  const Environment& env) {
    auto parsed = parse_args(args, false);
    if (!parsed) return parsed.error();
    NamesrvStartup st;
    st.system_properties = parsed->system_properties;
    if (parsed->help) {
        st.action = StartupAction::help;
        st.output = namesrv_usage();
        return st;
    }
    st.namesrv = NamesrvConfig::defaults(env);
    st.namesrv.rocketmq_home =
        property_or(st.system_properties, kHomeProperty, st.namesrv.rocketmq_home);
    st.netty_server.listen_port = 9876;
    auto schemas = st.schemas();
    if (parsed->config_file) {
        st.config_file = *parsed->config_file;
        if (auto r = apply_file(*st.config_file, schemas, st.warnings); !r) return r.error();
        st.namesrv.config_store_path = *st.config_file;
    }
    if (auto r = apply_overrides(parsed->overrides, schemas, st.warnings); !r) return r.error();
    if (parsed->print) {
        st.action = StartupAction::print_config;
        st.output = print_config(schemas);
    }
    return st;
}

Result<BrokerStartup> parse_broker_command_line(const std::vector<std::string>& args,
                                                const Environment& env) {
    auto parsed = parse_args(args, true);
    if (!parsed) return parsed.error();
    BrokerStartup st;
    st.system_properties = parsed->system_properties;
    if (parsed->help) {
        st.action = StartupAction::help;
        st.output = broker_usage();
        return st;
    }
    st.broker = BrokerConfig::defaults(env);
    st.broker.rocketmq_home =
        property_or(st.system_properties, kHomeProperty, st.broker.rocketmq_home);
    // Default namesrvAddr: the property wins over the environment (config.md §1.3); the file,
    // key=value arguments and -n all override it.
    st.broker.namesrv_addr =
        property_or(st.system_properties, kNamesrvAddrProperty, env.namesrv_addr_env);
    st.netty_server.listen_port = 10911;
    st.netty_client.client_callback_executor_threads = std::max(1, env.cores);
    st.store = default_store_config(env);
    st.store_extras = StoreExtras::defaults();
    st.config_store_path =
        std::filesystem::path(env.home) / "store" / "config" / "broker.properties";
    auto schemas = st.schemas();
    if (parsed->config_file) {
        st.config_file = *parsed->config_file;
        st.config_store_path = *st.config_file;
        if (auto r = apply_file(*st.config_file, schemas, st.warnings); !r) return r.error();
    }
    if (auto r = apply_overrides(parsed->overrides, schemas, st.warnings); !r) return r.error();
    if (!st.broker.rmq_address_server_domain.empty())
        st.system_properties["rocketmq.namesrv.domain"] = st.broker.rmq_address_server_domain;
    if (!st.broker.rmq_address_server_sub_group.empty())
        st.system_properties["rocketmq.namesrv.domain.subgroup"] =
            st.broker.rmq_address_server_sub_group;
    if (parsed->namesrv_addr) st.broker.namesrv_addr = *parsed->namesrv_addr;

    if (!st.broker.namesrv_addr.empty())
        if (auto r = validate_namesrv_addr(st.broker.namesrv_addr); !r) return r.error();
    switch (st.store.broker_role) {
        case store::BrokerRole::async_master:
        case store::BrokerRole::sync_master:
            st.broker.broker_id = 0;
            break;
        case store::BrokerRole::slave:
            if (st.broker.broker_id <= 0)
                return common::Error{errc::invalid_value,
                                     "brokerId must be > 0 for brokerRole=SLAVE (got "
                                         + std::to_string(st.broker.broker_id) + ")"};
            break;
    }
    if (st.store_extras.get("enableDLegerCommitLog") == "true")
        return common::Error{errc::unsupported,
                             "enableDLegerCommitLog=true: DLedger commit logs are not supported"};
    // Forced to listenPort + 1 as 4.9.8 does; an ephemeral listenPort (0) gets an ephemeral one.
    st.store_extras.values["haListenPort"] =
        std::to_string(st.netty_server.listen_port == 0 ? 0 : st.netty_server.listen_port + 1);

    if (parsed->print) {
        st.action = StartupAction::print_config;
        st.output = print_config(schemas);
    } else if (parsed->print_important) {
        st.action = StartupAction::print_important;
        st.output = print_config(schemas, true);
    }
    return st;
}

}  // namespace rmq::config
