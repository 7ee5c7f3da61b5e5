#include "cli/failure.hpp"
#include "commands/cluster_lookup.hpp"
#include "commands/commands.hpp"
#include "output/json_out.hpp"

namespace rmq::mqadmin::commands {

int topic_cluster_list(CommandContext& ctx) {
    const auto topic = ctx.options.require("topic");
    auto info = ctx.admin.wait(ctx.admin->cluster_info());
    auto route = ctx.admin.wait(ctx.admin->topic_route(topic));
    std::vector<std::string> clusters;
    if (!route.broker_datas.empty())
        clusters = clusters_of_broker(info, route.broker_datas.front().broker_name);
    if (ctx.json) {
        json::Value list = json::Value::array();
        for (const auto& c : clusters)
            list.push_back(c);
        json::Value result = json::Value::object();
        result.set("topic", topic);
        result.set("clusters", std::move(list));
        print_json(ctx.out, result);
        return kExitOk;
    }
    for (const auto& c : clusters)
        ctx.out << c << '\n';
    return kExitOk;
}

}  // namespace rmq::mqadmin::commands
