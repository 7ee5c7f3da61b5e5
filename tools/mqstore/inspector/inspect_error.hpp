#pragma once
// Errors of the read-only store inspector. The kind decides the tool's exit status: a path that
// is not a store is the operator's mistake (usage), an unreadable file is an environment problem.
#include <cstdint>
#include <string>

#include "common/expected.hpp"

namespace rmq::mqstore {

enum class InspectErrc : uint8_t {
    not_found,      // the directory does not exist
    not_a_store,    // it exists but has no commitlog/ directory
    io_error,       // open/stat/mmap/read failed; the message carries the OS reason
    bad_geometry,   // file sizes do not tell the geometry and no option gave it
    no_such_queue,  // print asked for a topic/queue that has no consume-queue directory
};

struct InspectError {
    InspectErrc code = InspectErrc::io_error;
    std::string message;
};

template <class T>
using Result = common::Expected<T, InspectError>;

}  // namespace rmq::mqstore
