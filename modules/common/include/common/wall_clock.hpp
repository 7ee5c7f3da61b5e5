#pragma once
// Milliseconds since the Unix epoch: the unit of every timestamp RocketMQ puts on the wire and in
// its files (born and store times, offsets by time, runtime info).
#include <chrono>
#include <cstdint>

namespace rmq::common {

inline int64_t epoch_millis() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

}  // namespace rmq::common
