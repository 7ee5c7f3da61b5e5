#include "cli/failure.hpp"
#include "commands/cluster_lookup.hpp"
#include "commands/commands.hpp"
#include "output/json_out.hpp"

namespace rmq::mqadmin::commands {

int delete_topic(CommandContext& ctx) {
    const auto topic = ctx.options.require("topic");
    const auto cluster = ctx.options.require("clusterName");
    ctx.admin.require_name_servers();
    auto masters = master_addrs_of(ctx.admin.wait(ctx.admin->cluster_info()), cluster);
    for (const auto& addr : masters)
        ctx.admin.wait(ctx.admin->delete_topic_in_broker(addr, topic));
    if (!ctx.json)
        ctx.out << "delete topic [" << topic << "] from cluster [" << cluster << "] success.\n";
    for (const auto& namesrv : ctx.admin.name_servers())
        ctx.admin.wait(ctx.admin->delete_topic_in_name_server(namesrv, topic, cluster));
    if (ctx.json) {
        json::Value result = json::Value::object();
        result.set("topic", topic);
        result.set("cluster", cluster);
        json::Value brokers = json::Value::array();
        for (const auto& b : masters)
            brokers.push_back(b);
        result.set("brokers", std::move(brokers));
        json::Value namesrvs = json::Value::array();
        for (const auto& n : ctx.admin.name_servers())
            namesrvs.push_back(n);
        result.set("nameServers", std::move(namesrvs));
        print_json(ctx.out, result);
    } else {
        ctx.out << "delete topic [" << topic << "] from NameServer success.\n";
    }
    return kExitOk;
}

}  // namespace rmq::mqadmin::commands
