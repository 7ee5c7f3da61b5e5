#pragma once
#include <atomic>

#include "options.hpp"

namespace mqbench {

/// Set by SIGINT/SIGTERM: the run ends and prints its summary.
extern std::atomic<bool> g_stop;

int run_producer(const Options& options);
int run_consumer(const Options& options);

/// Sleeps until the next report, the end of --duration or a stop signal; false at the end.
bool wait_next_interval(const Options& options, std::chrono::steady_clock::time_point started,
                        std::chrono::steady_clock::time_point& next);

}  // namespace mqbench
