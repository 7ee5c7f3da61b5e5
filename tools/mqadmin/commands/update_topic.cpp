#include <limits>

#include "cli/failure.hpp"
#include "commands/cluster_lookup.hpp"
#include "commands/commands.hpp"
#include "common/split.hpp"
#include "output/json_out.hpp"
#include "output/text.hpp"

namespace rmq::mqadmin::commands {

namespace {

// TopicSysFlag.buildSysFlag: bit 0 unit, bit 1 unit-sub.
int32_t build_sys_flag(bool unit, bool has_unit_sub) {
    return (unit ? 1 : 0) | (has_unit_sub ? 2 : 0);
}

// The -b form keeps the other brokers' entries of the existing order conf and replaces this
// broker's (DefaultMQAdminExtImpl.createOrUpdateOrderConf with isCluster=false).
std::string merge_order_conf(const std::optional<std::string>& old_conf,
                             const std::string& broker_name, const std::string& entry) {
    std::vector<std::string> entries;
    if (old_conf)
        for (auto piece : common::split_nonempty(*old_conf, ';')) {
            std::string item(piece);
            if (item.substr(0, item.find(':')) != broker_name) entries.push_back(item);
        }
    entries.push_back(entry);
    std::string out;
    for (const auto& e : entries)
        out += (out.empty() ? "" : ";") + e;
    return out;
}

}  // namespace

int update_topic(CommandContext& ctx) {
    constexpr int64_t kMaxInt = std::numeric_limits<int32_t>::max();
    body::TopicConfig config;
    config.topic_name = ctx.options.require("topic");
    config.read_queue_nums =
        static_cast<int32_t>(integer_option(ctx.options, "readQueueNums", 8, 0, kMaxInt));
    config.write_queue_nums =
        static_cast<int32_t>(integer_option(ctx.options, "writeQueueNums", 8, 0, kMaxInt));
    config.perm = static_cast<int32_t>(integer_option(ctx.options, "perm", 6, 0, kMaxInt));
    config.topic_sys_flag = build_sys_flag(boolean_option(ctx.options, "unit", false),
                                           boolean_option(ctx.options, "hasUnitSub", false));
    config.order = boolean_option(ctx.options, "order", false);

    std::vector<std::string> brokers;
    std::string order_conf;
    std::string text;
    if (auto addr = ctx.options.get("brokerAddr")) {
        ctx.admin.wait(ctx.admin->create_topic(*addr, config));
        brokers.push_back(*addr);
        if (config.order) {
            auto name = broker_name_of_addr(ctx.admin.wait(ctx.admin->cluster_info()), *addr);
            auto entry = name + ":" + std::to_string(config.write_queue_nums);
            order_conf = merge_order_conf(
                ctx.admin.wait(ctx.admin->get_kv(kOrderTopicNamespace, config.topic_name)), name,
                entry);
            ctx.admin.wait(ctx.admin->put_kv(kOrderTopicNamespace, config.topic_name, order_conf));
            text += "set broker orderConf. isOrder=true, orderConf=[" + entry + "]";
        }
        text += "create topic to " + *addr + " success.\n";
    } else {
        auto cluster = ctx.options.require("clusterName");
        auto info = ctx.admin.wait(ctx.admin->cluster_info());
        for (const auto& master : master_addrs_of(info, cluster)) {
            ctx.admin.wait(ctx.admin->create_topic(master, config));
            brokers.push_back(master);
            if (!ctx.json) ctx.out << "create topic to " << master << " success.\n";
        }
        if (config.order) {
            for (const auto& name : broker_names_of(info, cluster))
                order_conf += (order_conf.empty() ? "" : ";") + name + ":"
                              + std::to_string(config.write_queue_nums);
            ctx.admin.wait(ctx.admin->put_kv(kOrderTopicNamespace, config.topic_name, order_conf));
            text += "set cluster orderConf. isOrder=true, orderConf=[" + order_conf + "]";
        }
    }
    if (ctx.json) {
        json::Value result = json::Value::object();
        json::Value list = json::Value::array();
        for (const auto& b : brokers)
            list.push_back(b);
        result.set("brokers", std::move(list));
        result.set("topicConfig", config.to_json());
        if (!order_conf.empty()) result.set("orderConf", order_conf);
        print_json(ctx.out, result);
    } else {
        // Java ends without a line break after the config; we add one for the shell's sake.
        ctx.out << text << to_java_string(config) << '\n';
    }
    return kExitOk;
}

}  // namespace rmq::mqadmin::commands
