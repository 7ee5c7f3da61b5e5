#include <map>

#include "cli/failure.hpp"
#include "commands/cluster_lookup.hpp"
#include "commands/commands.hpp"
#include "output/json_out.hpp"
#include "output/text.hpp"

namespace rmq::mqadmin::commands {

int broker_status(CommandContext& ctx) {
    std::vector<std::string> addrs;
    const bool by_cluster = !ctx.options.has("brokerAddr");
    if (auto addr = ctx.options.get("brokerAddr")) {
        addrs.push_back(*addr);
    } else if (auto cluster = ctx.options.get("clusterName")) {
        addrs = all_addrs_of(ctx.admin.wait(ctx.admin->cluster_info()), *cluster);
    } else {
        fail_usage("Missing required option: -b or -c");
    }
    json::Value list = json::Value::array();
    int exit_code = kExitOk;
    for (const auto& addr : addrs) {
        std::map<std::string, std::string> sorted;  // Java prints through a TreeMap
        try {
            for (const auto& [k, v] : ctx.admin.wait(ctx.admin->runtime_info(addr)).table)
                sorted[k] = v;
        } catch (const Failure& f) {
            // One broker of a cluster failing must not hide the others; alone it is fatal.
            if (!by_cluster) throw;
            ctx.err << "mqadmin brokerStatus: " << f.what() << '\n';
            exit_code = kExitFailed;
            continue;
        }
        if (ctx.json) {
            json::Value stats = json::Value::object();
            for (const auto& [k, v] : sorted)
                stats.set(k, v);
            json::Value b = json::Value::object();
            b.set("addr", addr);
            b.set("runtimeInfo", std::move(stats));
            list.push_back(std::move(b));
            continue;
        }
        for (const auto& [k, v] : sorted) {
            if (by_cluster) ctx.out << left(addr, 24) << " ";
            ctx.out << left(k, 32) << ": " << v << '\n';
        }
    }
    if (ctx.json) {
        json::Value result = json::Value::object();
        result.set("brokers", std::move(list));
        print_json(ctx.out, result);
    }
    return exit_code;
}

}  // namespace rmq::mqadmin::commands
