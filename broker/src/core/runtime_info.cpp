#include "core/runtime_info.hpp"

#include <sys/statvfs.h>

#include <cmath>
#include <cstdio>

#include "config/config_schema.hpp"

namespace rmq::broker {

namespace {

constexpr std::string_view kVersionDesc = "V4_9_8";
constexpr int kVersion = 409;  // MQVersion.CURRENT_VERSION of the broker we stand in for

struct DiskSpace {
    int64_t total = 0;
    int64_t free = 0;
    double used_ratio = 0;
};

DiskSpace disk_space(const std::filesystem::path& path) {
    struct statvfs s {};
    // The directory may not exist yet (no consume queue written); ask its parent then.
    auto probe = path;
    while (statvfs(probe.c_str(), &s) != 0 && probe.has_parent_path()
           && probe != probe.parent_path())
        probe = probe.parent_path();
    DiskSpace d;
    d.total = static_cast<int64_t>(s.f_blocks) * static_cast<int64_t>(s.f_frsize);
    d.free = static_cast<int64_t>(s.f_bfree) * static_cast<int64_t>(s.f_frsize);
    if (d.total > 0)
        d.used_ratio =
            std::round(static_cast<double>(d.total - d.free) / static_cast<double>(d.total) * 100)
            / 100;
    return d;
}

std::string rates(const store::StoreStats& stats, store::StoreStats::Rate rate) {
    // Java prints the 10 s, 1 min and 10 min rates separated by spaces, each left empty until
    // the samples cover it ("0.0 0.233 " after a minute); the total rate reads 0.0 instead.
    const bool zero_when_uncovered = rate == store::StoreStats::Rate::get_total;
    std::string text;
    for (int window : {10, 60, 600}) {
        if (window != 10) text += ' ';
        if (auto r = stats.rate(rate, window))
            text += config::format_double(*r);
        else if (zero_when_uncovered)
            text += "0.0";
    }
    return text;
}

std::string fixed2(double value) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", value);
    return buf;
}

}  // namespace

std::string human_readable_bytes(int64_t bytes) {
    constexpr int64_t unit = 1024;
    if (bytes < unit) return std::to_string(bytes) + " B";
    const int exp = static_cast<int>(std::log(static_cast<double>(bytes)) / std::log(1024.0));
    char buf[48];
    std::snprintf(buf, sizeof buf, "%.1f %ciB", static_cast<double>(bytes) / std::pow(1024.0, exp),
                  "KMGTPE"[exp - 1]);
    return buf;
}

std::string runtime_text(int64_t elapsed_ms) {
    const int64_t seconds = elapsed_ms / 1000;
    return "[ " + std::to_string(seconds / 86400) + " days, "
           + std::to_string(seconds % 86400 / 3600) + " hours, "
           + std::to_string(seconds % 3600 / 60) + " minutes, " + std::to_string(seconds % 60)
           + " seconds ]";
}

body::KVTable runtime_info(const RuntimeInfoInputs& in) {
    using Rate = store::StoreStats::Rate;
    const auto& store = in.store;
    const auto& stats = store.stats();
    const auto counters = stats.counters();
    const auto& cfg = store.config();
    body::KVTable kv;
    auto& t = kv.table;
    const auto put = [&t](std::string key, std::string value) {
        t.insert_or_assign(std::move(key), std::move(value));
    };

    put("brokerVersionDesc", std::string(kVersionDesc));
    put("brokerVersion", std::to_string(kVersion));
    put("msgPutTotalYesterdayMorning", std::to_string(in.daily.put_yesterday_morning));
    put("msgPutTotalTodayMorning", std::to_string(in.daily.put_today_morning));
    put("msgPutTotalTodayNow", std::to_string(counters.put_times));
    put("msgGetTotalYesterdayMorning", std::to_string(in.daily.get_yesterday_morning));
    put("msgGetTotalTodayMorning", std::to_string(in.daily.get_today_morning));
    put("msgGetTotalTodayNow", std::to_string(counters.get_transferred));
    // Requests run on the connections' executors, not on Java's bounded pools: nothing queues.
    put("sendThreadPoolQueueSize", "0");
    put("sendThreadPoolQueueCapacity", std::to_string(in.broker.send_thread_pool_queue_capacity));
    put("pullThreadPoolQueueSize", "0");
    put("pullThreadPoolQueueCapacity", std::to_string(in.broker.pull_thread_pool_queue_capacity));
    put("queryThreadPoolQueueSize", "0");
    put("queryThreadPoolQueueCapacity", std::to_string(in.broker.query_thread_pool_queue_capacity));
    put("EndTransactionQueueSize", "0");
    put("EndTransactionThreadPoolQueueCapacity",
        std::to_string(in.broker.end_transaction_pool_queue_capacity));
    put("dispatchBehindBytes", std::to_string(store.dispatch_behind_bytes()));
    put("pageCacheLockTimeMills", "0");
    put("sendThreadPoolQueueHeadWaitTimeMills", "0");
    put("pullThreadPoolQueueHeadWaitTimeMills", "0");
    put("queryThreadPoolQueueHeadWaitTimeMills", "0");
    put("earliestMessageTimeStamp", std::to_string(store.earliest_message_time()));
    put("startAcceptSendRequestTimeStamp", "0");
    put("remainTransientStoreBufferNumbs", "2147483647");  // no transient store pool
    put("remainHowManyDataToFlush",
        human_readable_bytes(
            std::max<int64_t>(0, store.max_phy_offset() - store.commit_log().flushed_offset())));
    const auto commit_log_disk = disk_space(cfg.commit_log_path());
    put("commitLogDirCapacity", "Total : " + human_readable_bytes(commit_log_disk.total)
                                    + ", Free : " + human_readable_bytes(commit_log_disk.free)
                                    + ".");

    put("bootTimestamp", std::to_string(in.boot_timestamp_ms));
    put("runtime", runtime_text(in.now_ms - in.boot_timestamp_ms));
    put("putTps", rates(stats, Rate::put));
    put("getFoundTps", rates(stats, Rate::get_found));
    put("getMissTps", rates(stats, Rate::get_miss));
    put("getTotalTps", rates(stats, Rate::get_total));
    put("getTransferedTps", rates(stats, Rate::get_transferred));
    put("putMessageTimesTotal", std::to_string(counters.put_times));
    put("putMessageSizeTotal", std::to_string(counters.put_size));
    put("putMessageAverageSize",
        config::format_double(static_cast<double>(counters.put_size)
                              / static_cast<double>(std::max<int64_t>(1, counters.put_times))));
    put("putMessageFailedTimes", std::to_string(counters.put_failed));
    put("putMessageDistributeTime", stats.put_latency_distribution());
    put("putMessageEntireTimeMax", std::to_string(stats.put_entire_time_max_ms()));
    put("getMessageEntireTimeMax", std::to_string(stats.get_entire_time_max_ms()));
    put("putLatency99", fixed2(stats.put_latency_quantile_ms(0.99)));
    put("putLatency999", fixed2(stats.put_latency_quantile_ms(0.999)));
    put("dispatchMaxBuffer", "0");
    const auto ratio = config::format_double(commit_log_disk.used_ratio);
    put("commitLogDiskRatio", ratio);
    put("commitLogDiskRatio_" + cfg.commit_log_path().string(), ratio);
    put("consumeQueueDiskRatio",
        config::format_double(disk_space(cfg.consume_queue_path()).used_ratio));
    put("commitLogMinOffset", std::to_string(store.min_phy_offset()));
    put("commitLogMaxOffset", std::to_string(store.max_phy_offset()));
    // Java's buildRunningStats: "<next offset to deliver>,<queue max offset>" per level it knows.
    for (const auto& [level, offset] : in.delay_offsets)
        put("scheduleMessageOffset_" + std::to_string(level),
            std::to_string(offset) + ","
                + std::to_string(store.max_offset_in_queue(store::kScheduleTopic, level - 1)));
    return kv;
}

}  // namespace rmq::broker
