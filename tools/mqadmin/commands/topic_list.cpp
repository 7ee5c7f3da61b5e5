#include "cli/failure.hpp"
#include "commands/cluster_lookup.hpp"
#include "commands/commands.hpp"
#include "output/json_out.hpp"
#include "output/text.hpp"

namespace rmq::mqadmin::commands {

namespace {

bool is_group_topic(const std::string& topic) {
    return topic.rfind("%RETRY%", 0) == 0 || topic.rfind("%DLQ%", 0) == 0;
}

struct TopicOwners {
    std::string cluster;
    std::vector<std::string> groups;
};

// Like Java, a topic whose route or consumers cannot be read is still listed, with blanks.
TopicOwners owners_of(AdminSession& admin, const body::ClusterInfo& info,
                      const std::string& topic) {
    TopicOwners owners;
    try {
        auto route = admin.wait(admin->topic_route(topic));
        if (route.broker_datas.empty()) return owners;
        auto clusters = clusters_of_broker(info, route.broker_datas.front().broker_name);
        if (!clusters.empty()) owners.cluster = clusters.front();
        for (const auto& broker : route.broker_datas) {
            if (auto addr = broker.select_broker_addr()) {
                owners.groups = admin.wait(admin->consumed_by(*addr, topic)).group_list;
                break;
            }
        }
    } catch (const Failure&) {
    }
    return owners;
}

}  // namespace

int topic_list(CommandContext& ctx) {
    if (!ctx.options.has("clusterModel")) {
        auto topics = ctx.admin.wait(ctx.admin->topic_list());
        if (ctx.json) {
            json::Value list = json::Value::array();
            for (const auto& t : topics.topic_list)
                list.push_back(t);
            json::Value result = json::Value::object();
            result.set("topics", std::move(list));
            print_json(ctx.out, result);
            return kExitOk;
        }
        for (const auto& t : topics.topic_list)
            ctx.out << t << '\n';
        return kExitOk;
    }

    auto info = ctx.admin.wait(ctx.admin->cluster_info());
    auto topics = ctx.admin.wait(ctx.admin->topic_list());
    json::Value rows = json::Value::array();
    if (!ctx.json)
        ctx.out << left("#Cluster Name", 20) << "  " << left("#Topic", 48) << "  "
                << left("#Consumer Group", 48) << '\n';
    for (const auto& topic : topics.topic_list) {
        if (is_group_topic(topic)) continue;
        auto owners = owners_of(ctx.admin, info, topic);
        if (ctx.json) {
            json::Value row = json::Value::object();
            row.set("cluster", owners.cluster);
            row.set("topic", topic);
            json::Value groups = json::Value::array();
            for (const auto& g : owners.groups)
                groups.push_back(g);
            row.set("consumerGroups", std::move(groups));
            rows.push_back(std::move(row));
            continue;
        }
        if (owners.groups.empty()) owners.groups.emplace_back();
        for (const auto& group : owners.groups)
            ctx.out << left(front(owners.cluster, 20), 20) << "  " << left(front(topic, 64), 64)
                    << "  " << left(front(group, 64), 64) << '\n';
    }
    if (ctx.json) {
        json::Value result = json::Value::object();
        result.set("topics", std::move(rows));
        print_json(ctx.out, result);
    }
    return kExitOk;
}

}  // namespace rmq::mqadmin::commands
