#pragma once
#include <string>

namespace mqbench {

/// Creates `topic` with `queues` read/write queues on every master of `cluster` unless the name
/// servers already route it. Returns "" or what went wrong.
std::string ensure_topic(const std::string& namesrv, const std::string& cluster,
                         const std::string& topic, int queues);

}  // namespace mqbench
