#pragma once
// Process set-up shared by the server binaries.
#include <cstdint>
#include <string>

namespace rmq {

/// Raises the soft open-files limit to the hard limit: a broker holds a socket per client and a
/// mapping per store file, and distributions default the soft limit to 1024 (RocketMQ's start
/// scripts ask operators to raise it by hand). Returns the limit now in force.
uint64_t raise_open_files_limit();

}  // namespace rmq
