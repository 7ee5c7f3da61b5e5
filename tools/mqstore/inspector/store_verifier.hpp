#pragma once
// `mqstore verify`: checks every commit-log record, consume-queue unit and index file of a store
// without changing it. Findings are damage (the store is broken: a broker would lose or
// misdeliver data, or refuse to start) or notes (normal states worth knowing: the tail a crash
// or a running broker leaves, which recovery or the dispatcher takes care of).
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "inspector/store_inspector.hpp"
#include "store/delay_levels.hpp"

namespace rmq::mqstore {

enum class Severity : uint8_t { damage, note };

struct Finding {
    Severity severity = Severity::damage;
    std::string file;  // relative to the store root: "commitlog/00000000000001048576"
    std::string
        position;  // inside the file ("+1234 (offset 1049810)", "entry 17"); "" = whole file
    std::string what;
};

struct VerifyCounts {
    size_t commit_log_files = 0;
    size_t records = 0;
    size_t blank_markers = 0;
    int64_t commit_log_end = 0;  // end of the valid data as recovery finds it
    size_t queues = 0;
    size_t units = 0;  // real units checked against their records
    size_t holes = 0;
    size_t undispatched = 0;  // records at the log's tail without a consume-queue unit yet
    size_t index_files = 0;
    int64_t index_entries = 0;
};

struct VerifyOptions {
    /// messageDelayLevel, for the tags codes of SCHEDULE_TOPIC_XXXX units.
    store::DelayLevels delay_levels;
    /// Findings kept per section (store files, commit log, consume queues, index); the totals
    /// count all of them.
    size_t keep_findings = 1000;
};

/// RocketMQ's default messageDelayLevel.
store::DelayLevels default_delay_levels();

struct VerifyReport {
    std::vector<Finding> findings;  // store files, commit log, consume queues, index
    size_t damage = 0;
    size_t notes = 0;
    VerifyCounts counts;

    bool ok() const { return damage == 0; }
};

/// Fails (without a report) only when the store cannot be read: an unmappable file, or index
/// files whose geometry cannot be inferred.
Result<VerifyReport> verify_store(const StoreInspector& inspector, const VerifyOptions& options);

}  // namespace rmq::mqstore
