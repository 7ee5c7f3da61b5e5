#include "cli/failure.hpp"
#include "commands/commands.hpp"
#include "output/json_out.hpp"
#include "output/text.hpp"
#include "proto/language_code.hpp"

namespace rmq::mqadmin::commands {

namespace {

// The broker serving `topic`: the first broker of its route, its master if it has one. (Java
// picks one at random; every broker of the route knows the same clients.)
std::string broker_of_topic(AdminSession& admin, const std::string& topic) {
    auto route = admin.wait(admin->topic_route(topic));
    for (const auto& broker : route.broker_datas)
        if (auto addr = broker.select_broker_addr()) return *addr;
    fail("the route of " + topic + " has no broker address");
}

std::string language(const body::Connection& c) {
    return std::string(proto::language_name(c.language));
}

}  // namespace

int consumer_connection(CommandContext& ctx) {
    const auto group = ctx.options.require("consumerGroup");
    auto addr = ctx.options.get("brokerAddr");
    const std::string broker = addr ? *addr : broker_of_topic(ctx.admin, "%RETRY%" + group);
    auto cc = ctx.admin.wait(ctx.admin->consumer_connection(broker, group));
    if (cc.connection_set.empty())
        fail("consumer group " + group + " has no connection on " + broker
             + " (CONSUMER_NOT_ONLINE)");
    if (ctx.json) {
        json::Value result = cc.to_json();
        result.set("brokerAddr", broker);
        print_json(ctx.out, result);
        return kExitOk;
    }
    auto row = [&](std::string_view id, std::string_view a, std::string_view l,
                   std::string_view v) {
        ctx.out << left(id, 36) << " " << left(a, 22) << " " << left(l, 10) << " " << v << '\n';
    };
    row("#ClientId", "#ClientAddr", "#Language", "#Version");
    for (const auto& c : cc.connection_set)
        row(c.client_id, c.client_addr, language(c), version_desc(c.version));
    ctx.out << "\nBelow is subscription:\n";
    ctx.out << left("#Topic", 20) << " #SubExpression\n";
    for (const auto& [topic, sub] : cc.subscription_table)
        ctx.out << left(sub.topic, 20) << " " << sub.sub_string << '\n';
    ctx.out << '\n';
    auto name_or_null = [](const auto& v) {
        return v ? std::string(body::name(*v)) : std::string("null");
    };
    ctx.out << "ConsumeType: " << name_or_null(cc.consume_type) << '\n';
    ctx.out << "MessageModel: " << name_or_null(cc.message_model) << '\n';
    ctx.out << "ConsumeFromWhere: " << name_or_null(cc.consume_from_where) << '\n';
    return kExitOk;
}

int producer_connection(CommandContext& ctx) {
    const auto group = ctx.options.require("producerGroup");
    const auto topic = ctx.options.require("topic");
    const auto broker = broker_of_topic(ctx.admin, topic);
    auto pc = ctx.admin.wait(ctx.admin->producer_connection(broker, group));
    if (pc.connection_set.empty())
        fail("producer group " + group + " has no connection on " + broker);
    if (ctx.json) {
        json::Value result = pc.to_json();
        result.set("brokerAddr", broker);
        print_json(ctx.out, result);
        return kExitOk;
    }
    int i = 1;
    for (const auto& c : pc.connection_set) {
        char index[16];
        std::snprintf(index, sizeof index, "%04d", i++);
        ctx.out << index << "  " << left(c.client_id, 32) << " " << left(c.client_addr, 22) << " "
                << left(language(c), 8) << " " << version_desc(c.version) << '\n';
    }
    return kExitOk;
}

}  // namespace rmq::mqadmin::commands
