#pragma once
// Errors of the read-only store inspector. The kind decides the tool's exit status: a path that
// is not a store is the operator's mistake (usage), an unreadable file is an environment problem.
#include <system_error>
#include <type_traits>

#include "common/error.hpp"

namespace rmq::mqstore {

enum class errc {
    not_found = 1,  // the directory does not exist
    not_a_store,    // it exists but has no commitlog/ directory
    io_error,       // open/stat/mmap/read failed; the message carries the OS reason
    bad_geometry,   // file sizes do not tell the geometry and no option gave it
    no_such_queue,  // print asked for a topic/queue that has no consume-queue directory
};

inline const char* to_string(errc code) noexcept {
    switch (code) {
        case errc::not_found:
            return "no such directory";
        case errc::not_a_store:
            return "not a store";
        case errc::io_error:
            return "I/O error";
        case errc::bad_geometry:
            return "unknown file geometry";
        case errc::no_such_queue:
            return "no such queue";
    }
    return "unknown inspector error";
}
inline const char* category_name(errc) noexcept {
    return "rmq.mqstore";
}
using common::make_error_code;

template <class T>
using Result = common::Result<T>;

}  // namespace rmq::mqstore

template <>
struct std::is_error_code_enum<rmq::mqstore::errc> : std::true_type {};
