#include "cli/failure.hpp"
#include "commands/cluster_lookup.hpp"
#include "commands/commands.hpp"
#include "output/json_out.hpp"
#include "output/text.hpp"

namespace rmq::mqadmin::commands {

namespace {

struct Target {
    std::string addr;
    std::string banner;  // Java's "============…============" line
    std::string role;    // for --json: "broker", "master" or "slave"
};

}  // namespace

int get_broker_config(CommandContext& ctx) {
    std::vector<Target> targets;
    if (auto addr = ctx.options.get("brokerAddr")) {
        targets.push_back({*addr, "============" + *addr + "============", "broker"});
    } else if (auto cluster = ctx.options.get("clusterName")) {
        for (const auto& [master, slaves] :
             masters_with_slaves(ctx.admin.wait(ctx.admin->cluster_info()), *cluster)) {
            targets.push_back({master, "============Master: " + master + "============", "master"});
            for (const auto& slave : slaves)
                targets.push_back(
                    {slave,
                     "============My Master: " + master + "=====Slave: " + slave + "============",
                     "slave"});
        }
    } else {
        fail_usage("Missing required option: -b or -c");
    }
    json::Value list = json::Value::array();
    for (const auto& target : targets) {
        auto entries = ctx.admin.wait(ctx.admin->broker_config(target.addr));
        if (ctx.json) {
            json::Value config = json::Value::object();
            for (const auto& [k, v] : entries)
                config.set(k, v);
            json::Value b = json::Value::object();
            b.set("addr", target.addr);
            b.set("role", target.role);
            b.set("config", std::move(config));
            list.push_back(std::move(b));
            continue;
        }
        ctx.out << target.banner << '\n';
        for (const auto& [k, v] : entries)
            ctx.out << left(k, 50) << "=  " << v << '\n';
        ctx.out << '\n';
    }
    if (ctx.json) {
        json::Value result = json::Value::object();
        result.set("brokers", std::move(list));
        print_json(ctx.out, result);
    }
    return kExitOk;
}

int update_broker_config(CommandContext& ctx) {
    const auto key = ctx.options.require("key");
    const auto value = ctx.options.require("value");
    std::vector<std::string> brokers;
    const bool single = ctx.options.has("brokerAddr");
    if (single) {
        brokers.push_back(*ctx.options.get("brokerAddr"));
    } else if (auto cluster = ctx.options.get("clusterName")) {
        brokers = master_addrs_of(ctx.admin.wait(ctx.admin->cluster_info()), *cluster);
    } else {
        fail_usage("Missing required option: -b or -c");
    }
    int exit_code = kExitOk;
    json::Value updated = json::Value::array();
    for (const auto& addr : brokers) {
        try {
            ctx.admin.wait(ctx.admin->update_broker_config(addr, {{key, value}}));
        } catch (const Failure& f) {
            // Java goes on with the cluster's other masters; the command still fails.
            if (single) throw;
            ctx.err << "mqadmin updateBrokerConfig: " << f.what() << '\n';
            exit_code = kExitFailed;
            continue;
        }
        updated.push_back(addr);
        if (!ctx.json) ctx.out << "update broker config success, " << addr << '\n';
    }
    if (ctx.json) {
        json::Value result = json::Value::object();
        result.set("key", key);
        result.set("value", value);
        result.set("brokers", std::move(updated));
        print_json(ctx.out, result);
    }
    return exit_code;
}

}  // namespace rmq::mqadmin::commands
