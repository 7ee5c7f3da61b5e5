#pragma once
// GET_BROKER_RUNTIME_INFO's KVTable (spec/headers.md §A.4): the same keys the 4.9.8 broker sends,
// from the store's counters and the broker's daily totals. mqadmin clusterList/brokerStatus and
// the console read them.
#include <cstdint>
#include <map>
#include <string>

#include "body/kv_table.hpp"
#include "config/server_configs.hpp"
#include "store/message_store.hpp"

namespace rmq::broker {

/// Message totals at the last two local midnights (Java's BrokerStats "morning" values).
struct DailyTotals {
    int64_t put_yesterday_morning = 0;
    int64_t put_today_morning = 0;
    int64_t get_yesterday_morning = 0;
    int64_t get_today_morning = 0;
};

struct RuntimeInfoInputs {
    const store::MessageStore& store;
    const config::BrokerConfig& broker;
    DailyTotals daily;
    int64_t boot_timestamp_ms = 0;
    int64_t now_ms = 0;
    /// The schedule service's delay level → next offset (scheduleMessageOffset_<level>).
    std::map<int32_t, int64_t> delay_offsets = {};
};

body::KVTable runtime_info(const RuntimeInfoInputs& in);

/// MixAll.humanReadableByteCount(bytes, false): "0 B", "1.5 KiB", "252.0 GiB".
std::string human_readable_bytes(int64_t bytes);
/// "[ 0 days, 0 hours, 1 minutes, 19 seconds ]"
std::string runtime_text(int64_t elapsed_ms);

}  // namespace rmq::broker
