#include <chrono>
#include <cstdlib>
#include <limits>
#include <set>
#include <thread>

#include "cli/failure.hpp"
#include "commands/commands.hpp"
#include "common/wall_clock.hpp"
#include "output/json_out.hpp"
#include "output/text.hpp"

namespace rmq::mqadmin::commands {

namespace {

const std::string* stat(const body::KVTable& kv, const std::string& key) {
    return kv.table.find(key);
}

// Java prints a missing value as "null".
std::string or_null(const std::string* value) {
    return value ? *value : "null";
}

int64_t as_long(const std::string* value) {
    if (!value) return 0;
    return std::strtoll(value->c_str(), nullptr, 10);
}

// The first number of a space-separated rate list ("12.5 11.0 10.2").
double first_rate(const std::string* value) {
    if (!value) return 0;
    return std::strtod(value->c_str(), nullptr);
}

struct BrokerRow {
    std::string cluster, broker_name, addr;
    int64_t id = 0;
    std::optional<body::KVTable> stats;  // nullopt when the broker did not answer
    std::string error;
};

std::vector<BrokerRow> collect(AdminSession& admin) {
    auto info = admin.wait(admin->cluster_info());
    std::vector<BrokerRow> rows;
    for (const auto& [cluster, names] : info.cluster_addr_table) {
        std::set<std::string> sorted(names.begin(), names.end());  // Java's TreeSet
        for (const auto& name : sorted) {
            const auto* data = info.broker_addr_table.find(name);
            if (!data) continue;
            for (const auto& [id, addr] : data->broker_addrs) {
                BrokerRow row{cluster, name, addr, id, std::nullopt, ""};
                // One unreachable broker must not hide the others, as in Java.
                try {
                    row.stats = admin.wait(admin->runtime_info(addr));
                } catch (const Failure& f) {
                    row.error = f.what();
                }
                rows.push_back(std::move(row));
            }
        }
    }
    return rows;
}

void print_base(CommandContext& ctx, const std::vector<BrokerRow>& rows) {
    auto line = [&](std::string_view a, std::string_view b, std::string_view c, std::string_view d,
                    std::string_view e, std::string_view f, std::string_view g, std::string_view h,
                    std::string_view i, std::string_view j) {
        ctx.out << left(a, 16) << "  " << left(b, 22) << "  " << left(c, 4) << "  " << left(d, 22)
                << " " << left(e, 16) << " " << right(f, 19) << " " << right(g, 19) << " "
                << right(h, 10) << " " << right(i, 5) << " " << right(j, 6) << '\n';
    };
    line("#Cluster Name", "#Broker Name", "#BID", "#Addr", "#Version", "#InTPS(LOAD)",
         "#OutTPS(LOAD)", "#PCWait(ms)", "#Hour", "#SPACE");
    const auto now = common::epoch_millis();
    for (const auto& row : rows) {
        body::KVTable empty;
        const auto& kv = row.stats ? *row.stats : empty;
        const auto* earliest = stat(kv, "earliestMessageTimeStamp");
        const auto* ratio = stat(kv, "commitLogDiskRatio");
        double hour = earliest && !earliest->empty() ? (now - as_long(earliest)) / 3600000.0 : 0;
        double space = ratio && !ratio->empty() ? std::strtod(ratio->c_str(), nullptr) : 0;
        const std::string version = row.stats ? or_null(stat(kv, "brokerVersionDesc")) : "";
        auto load = [&](const char* tps, const char* queue, const char* wait) {
            if (!row.stats) return right(fixed(0, 2), 9) + "(,ms)";
            return right(fixed(first_rate(stat(kv, tps)), 2), 9) + "(" + or_null(stat(kv, queue))
                   + "," + or_null(stat(kv, wait)) + "ms)";
        };
        line(row.cluster, row.broker_name, std::to_string(row.id), row.addr, version,
             load("putTps", "sendThreadPoolQueueSize", "sendThreadPoolQueueHeadWaitTimeMills"),
             load("getTransferedTps", "pullThreadPoolQueueSize",
                  "pullThreadPoolQueueHeadWaitTimeMills"),
             row.stats ? or_null(stat(kv, "pageCacheLockTimeMills")) : "", fixed(hour, 2),
             fixed(space, 4));
    }
}

void print_more(CommandContext& ctx, const std::vector<BrokerRow>& rows) {
    auto line = [&](std::string_view a, std::string_view b, std::string_view c, std::string_view d,
                    std::string_view e, std::string_view f) {
        ctx.out << left(a, 16) << "  " << left(b, 32) << " " << right(c, 14) << " " << right(d, 14)
                << " " << right(e, 14) << " " << right(f, 14) << '\n';
    };
    line("#Cluster Name", "#Broker Name", "#InTotalYest", "#OutTotalYest", "#InTotalToday",
         "#OutTotalToday");
    for (const auto& row : rows) {
        body::KVTable empty;
        const auto& kv = row.stats ? *row.stats : empty;
        auto diff = [&](const char* later, const char* earlier) {
            return std::to_string(as_long(stat(kv, later)) - as_long(stat(kv, earlier)));
        };
        line(row.cluster, row.broker_name,
             diff("msgPutTotalTodayMorning", "msgPutTotalYesterdayMorning"),
             diff("msgGetTotalTodayMorning", "msgGetTotalYesterdayMorning"),
             diff("msgPutTotalTodayNow", "msgPutTotalTodayMorning"),
             diff("msgGetTotalTodayNow", "msgGetTotalTodayMorning"));
    }
}

void print_json_rows(CommandContext& ctx, const std::vector<BrokerRow>& rows) {
    json::Value list = json::Value::array();
    for (const auto& row : rows) {
        json::Value b = json::Value::object();
        b.set("cluster", row.cluster);
        b.set("brokerName", row.broker_name);
        b.set("brokerId", row.id);
        b.set("addr", row.addr);
        if (row.stats) {
            json::Value stats = json::Value::object();
            for (const auto& [k, v] : row.stats->table)
                stats.set(k, v);
            b.set("runtimeInfo", std::move(stats));
        } else {
            b.set("error", row.error);
        }
        list.push_back(std::move(b));
    }
    json::Value result = json::Value::object();
    result.set("brokers", std::move(list));
    print_json(ctx.out, result);
}

}  // namespace

int cluster_list(CommandContext& ctx) {
    const bool more = ctx.options.has("moreStats");
    const bool repeat = ctx.options.has("interval");
    const auto interval = std::chrono::seconds(
        integer_option(ctx.options, "interval", 1, 1, std::numeric_limits<int32_t>::max()));
    for (bool first = true; first || repeat; first = false) {
        if (!first) std::this_thread::sleep_for(interval);
        auto rows = collect(ctx.admin);
        for (const auto& row : rows)
            if (!row.stats) ctx.err << "mqadmin clusterList: " << row.error << '\n';
        if (ctx.json)
            print_json_rows(ctx, rows);
        else if (more)
            print_more(ctx, rows);
        else
            print_base(ctx, rows);
        ctx.out.flush();
    }
    return kExitOk;
}

}  // namespace rmq::mqadmin::commands
