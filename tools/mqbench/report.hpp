#pragma once
// What both modes measure and print: counts and latencies per interval and in total, process
// CPU per message, and the JSON summary line.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <mutex>
#include <string>

#include "latency.hpp"

namespace mqbench {

/// Filled by one client thread, read by the reporter.
struct Meter {
    std::mutex mutex;
    uint64_t ok = 0;
    uint64_t failed = 0;
    Histogram interval;
    Histogram total;
    std::string last_error;

    void record(uint64_t micros, uint64_t messages) {
        std::lock_guard lock(mutex);
        ok += messages;
        interval.record(micros);
        total.record(micros);
    }
    void fail(std::string why, uint64_t messages) {
        std::lock_guard lock(mutex);
        failed += messages;
        last_error = std::move(why);
    }
};

inline double cpu_seconds() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
           + static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

inline double ms(uint64_t micros) {
    return static_cast<double>(micros) / 1000.0;
}

struct Summary {
    double send_tps = 0;
    uint64_t send_failed = 0;
    /// Stored, but answered with a warning (SLAVE_NOT_AVAILABLE, FLUSH_SLAVE_TIMEOUT,
    /// FLUSH_DISK_TIMEOUT): a SYNC_MASTER's replication did not confirm them.
    uint64_t send_not_ok = 0;
    double send_rt_avg_ms = 0, send_rt_p50_ms = 0, send_rt_p99_ms = 0, send_rt_p999_ms = 0,
           send_rt_max_ms = 0;
    double consume_tps = 0;
    double b2c_p50_ms = 0, b2c_p99_ms = 0, b2c_max_ms = 0;
    double client_cpu_us_per_msg = 0;
    uint64_t messages = 0;
    double seconds = 0;

    void print_json() const {
        std::printf(
            "{\"send_tps\":%.1f,\"send_failed\":%llu,\"send_not_ok\":%llu,\"send_rt_avg_ms\":%.3f,"
            "\"send_rt_p50_ms\":%.3f,\"send_rt_p99_ms\":%.3f,\"send_rt_p999_ms\":%.3f,"
            "\"send_rt_max_ms\":%.3f,\"consume_tps\":%.1f,\"b2c_p50_ms\":%.3f,"
            "\"b2c_p99_ms\":%.3f,\"b2c_max_ms\":%.3f,\"client_cpu_us_per_msg\":%.2f,"
            "\"messages\":%llu,\"seconds\":%.2f}\n",
            send_tps, static_cast<unsigned long long>(send_failed),
            static_cast<unsigned long long>(send_not_ok), send_rt_avg_ms, send_rt_p50_ms,
            send_rt_p99_ms, send_rt_p999_ms, send_rt_max_ms, consume_tps, b2c_p50_ms, b2c_p99_ms,
            b2c_max_ms, client_cpu_us_per_msg, static_cast<unsigned long long>(messages), seconds);
        std::fflush(stdout);
    }
};

}  // namespace mqbench
