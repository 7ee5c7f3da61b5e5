#include "cli/failure.hpp"
#include "commands/commands.hpp"
#include "json/write.hpp"
#include "output/json_out.hpp"
#include "output/route_table.hpp"

namespace rmq::mqadmin::commands {

int topic_route(CommandContext& ctx) {
    auto route = ctx.admin.wait(ctx.admin->topic_route(ctx.options.require("topic")));
    if (ctx.json) {
        print_json(ctx.out, route.to_json());
    } else if (ctx.options.has("list")) {
        ctx.out << route_table(std::move(route));
    } else {
        // TopicRouteData.toJson(true): fastjson's pretty layout.
        ctx.out << json::write(route.to_json(), json::Format::pretty) << '\n';
    }
    return kExitOk;
}

}  // namespace rmq::mqadmin::commands
