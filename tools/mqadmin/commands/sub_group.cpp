#include <limits>

#include "cli/failure.hpp"
#include "commands/cluster_lookup.hpp"
#include "commands/commands.hpp"
#include "output/json_out.hpp"
#include "output/text.hpp"

namespace rmq::mqadmin::commands {

namespace {

json::Value string_array(const std::vector<std::string>& items) {
    json::Value list = json::Value::array();
    for (const auto& i : items)
        list.push_back(i);
    return list;
}

body::SubscriptionGroupConfig group_from_options(const ParsedOptions& o) {
    constexpr int64_t kMaxInt = std::numeric_limits<int32_t>::max();
    constexpr int64_t kMaxLong = std::numeric_limits<int64_t>::max();
    body::SubscriptionGroupConfig c;
    // The command's own defaults differ from the class's: broadcast and from-min start off.
    c.consume_broadcast_enable = false;
    c.consume_from_min_enable = false;
    c.group_name = o.require("groupName");
    c.consume_enable = boolean_option(o, "consumeEnable", c.consume_enable);
    c.consume_from_min_enable = boolean_option(o, "consumeFromMinEnable", false);
    c.consume_broadcast_enable = boolean_option(o, "consumeBroadcastEnable", false);
    c.retry_queue_nums =
        static_cast<int32_t>(integer_option(o, "retryQueueNums", c.retry_queue_nums, 0, kMaxInt));
    c.retry_max_times =
        static_cast<int32_t>(integer_option(o, "retryMaxTimes", c.retry_max_times, -1, kMaxInt));
    c.broker_id = integer_option(o, "brokerId", c.broker_id, 0, kMaxLong);
    c.which_broker_when_consume_slowly = integer_option(
        o, "whichBrokerWhenConsumeSlowly", c.which_broker_when_consume_slowly, 0, kMaxLong);
    c.notify_consumer_ids_changed_enable =
        boolean_option(o, "notifyConsumerIdsChanged", c.notify_consumer_ids_changed_enable);
    return c;
}

}  // namespace

int update_sub_group(CommandContext& ctx) {
    const auto config = group_from_options(ctx.options);
    std::vector<std::string> brokers;
    if (auto addr = ctx.options.get("brokerAddr")) {
        brokers.push_back(*addr);
    } else {
        brokers = master_addrs_of(ctx.admin.wait(ctx.admin->cluster_info()),
                                  ctx.options.require("clusterName"));
    }
    for (const auto& addr : brokers) {
        ctx.admin.wait(ctx.admin->create_subscription_group(addr, config));
        if (!ctx.json) ctx.out << "create subscription group to " << addr << " success.\n";
    }
    if (ctx.json) {
        json::Value result = json::Value::object();
        result.set("brokers", string_array(brokers));
        result.set("subscriptionGroupConfig", config.to_json());
        print_json(ctx.out, result);
    } else {
        ctx.out << to_java_string(config) << '\n';
    }
    return kExitOk;
}

int delete_sub_group(CommandContext& ctx) {
    const auto group = ctx.options.require("groupName");
    const bool remove_offset = boolean_option(ctx.options, "removeOffset", false);
    json::Value result = json::Value::object();
    result.set("group", group);
    result.set("removeOffset", remove_offset);
    if (auto addr = ctx.options.get("brokerAddr")) {
        ctx.admin.wait(ctx.admin->delete_subscription_group(*addr, group, remove_offset));
        result.set("brokers", string_array({*addr}));
        if (ctx.json)
            print_json(ctx.out, result);
        else
            ctx.out << "delete subscription group [" << group << "] from broker [" << *addr
                    << "] success.\n";
        return kExitOk;
    }
    const auto cluster = ctx.options.require("clusterName");
    auto info = ctx.admin.wait(ctx.admin->cluster_info());
    auto masters = master_addrs_of(info, cluster);
    for (const auto& master : masters) {
        ctx.admin.wait(ctx.admin->delete_subscription_group(master, group, remove_offset));
        if (!ctx.json)
            ctx.out << "delete subscription group [" << group << "] from broker [" << master
                    << "] in cluster [" << cluster << "] success.\n";
    }
    // The group's retry and dead-letter topics go too; Java reports a failure there but the
    // group itself is already deleted, so it is not an error of the command.
    std::vector<std::string> deleted_topics;
    for (const std::string prefix : {"%RETRY%", "%DLQ%"}) {
        const auto topic = prefix + group;
        try {
            for (const auto& master : masters)
                ctx.admin.wait(ctx.admin->delete_topic_in_broker(master, topic));
            for (const auto& namesrv : ctx.admin.name_servers())
                ctx.admin.wait(ctx.admin->delete_topic_in_name_server(namesrv, topic, cluster));
            deleted_topics.push_back(topic);
            if (!ctx.json)
                ctx.out << "delete topic [" << topic << "] from cluster [" << cluster
                        << "] success.\ndelete topic [" << topic << "] from NameServer success.\n";
        } catch (const Failure& f) {
            ctx.err << "mqadmin deleteSubGroup: " << f.what() << '\n';
        }
    }
    if (ctx.json) {
        result.set("cluster", cluster);
        result.set("brokers", string_array(masters));
        result.set("deletedTopics", string_array(deleted_topics));
        print_json(ctx.out, result);
    }
    return kExitOk;
}

}  // namespace rmq::mqadmin::commands
