#include "cli/failure.hpp"
#include "commands/commands.hpp"
#include "output/json_out.hpp"

namespace rmq::mqadmin::commands {

int wipe_write_perm(CommandContext& ctx) {
    const auto broker_name = ctx.options.require("brokerName");
    ctx.admin.require_name_servers();
    int exit_code = kExitOk;
    json::Value results = json::Value::array();
    for (const auto& namesrv : ctx.admin.name_servers()) {
        json::Value r = json::Value::object();
        r.set("nameServer", namesrv);
        try {
            const int32_t count = ctx.admin.wait(ctx.admin->wipe_write_perm(namesrv, broker_name));
            r.set("ok", true);
            r.set("wipeTopicCount", count);
            if (!ctx.json)
                ctx.out << "wipe write perm of broker[" << broker_name << "] in name server["
                        << namesrv << "] OK, " << count << '\n';
        } catch (const Failure& f) {
            // Every name server is tried; the reason goes to stderr and the exit code says it.
            exit_code = kExitFailed;
            r.set("ok", false);
            r.set("error", f.what());
            if (!ctx.json)
                ctx.out << "wipe write perm of broker[" << broker_name << "] in name server["
                        << namesrv << "] Failed\n";
            ctx.err << "mqadmin wipeWritePerm: " << f.what() << '\n';
        }
        results.push_back(std::move(r));
    }
    if (ctx.json) {
        json::Value result = json::Value::object();
        result.set("brokerName", broker_name);
        result.set("results", std::move(results));
        print_json(ctx.out, result);
    }
    return exit_code;
}

int update_kv_config(CommandContext& ctx) {
    const auto ns = ctx.options.require("namespace");
    const auto key = ctx.options.require("key");
    const auto value = ctx.options.require("value");
    ctx.admin.wait(ctx.admin->put_kv(ns, key, value));
    if (ctx.json) {
        json::Value result = json::Value::object();
        result.set("namespace", ns);
        result.set("key", key);
        result.set("value", value);
        print_json(ctx.out, result);
    } else {
        ctx.out << "create or update kv config to namespace success.\n";
    }
    return kExitOk;
}

int delete_kv_config(CommandContext& ctx) {
    const auto ns = ctx.options.require("namespace");
    const auto key = ctx.options.require("key");
    ctx.admin.wait(ctx.admin->delete_kv(ns, key));
    if (ctx.json) {
        json::Value result = json::Value::object();
        result.set("namespace", ns);
        result.set("key", key);
        print_json(ctx.out, result);
    } else {
        ctx.out << "delete kv config from namespace success.\n";
    }
    return kExitOk;
}

}  // namespace rmq::mqadmin::commands
