#pragma once
// Shared state of one verify run (internal to the verifier's passes).
#include <array>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "inspector/store_verifier.hpp"

namespace rmq::mqstore::detail {

struct QueueBounds {
    int64_t first_index = 0;  // queue offset of the first unit on disk
    int64_t end_index = 0;    // queue offset after the last unit in use
};

struct VerifyContext {
    VerifyContext(const StoreInspector& in, const VerifyOptions& opts, VerifyReport& out)
        : inspector(in), options(opts), report(out) {}

    const StoreInspector& inspector;
    const VerifyOptions& options;
    VerifyReport& report;

    /// The last run did not end cleanly (or a broker is running): an unfinished tail is expected.
    bool crashed() const { return inspector.layout().abort_present; }
    /// End of the valid commit-log data (recovery's scan), known before the passes start.
    int64_t log_end = 0;
    /// Per queue, from the consume-queue pass; read by the commit-log pass.
    std::map<std::pair<std::string, int32_t>, QueueBounds> queues;
    /// Largest commit-log end of a last unit in use over all queues: records from here on have
    /// not been dispatched yet.
    int64_t dispatched_until = -1;

    /// The report lists findings by section, in this order, whatever order the passes run in.
    enum class Section : uint8_t { store, commit_log, consume_queues, index };
    Section section = Section::store;

    void damage(const std::filesystem::path& file, std::string position, std::string what) {
        add(Severity::damage, file, std::move(position), std::move(what));
    }
    void note(const std::filesystem::path& file, std::string position, std::string what) {
        add(Severity::note, file, std::move(position), std::move(what));
    }

    /// Moves the findings of every section into the report.
    void finish() {
        for (auto& bucket : sections_) {
            for (auto& f : bucket)
                report.findings.push_back(std::move(f));
            bucket.clear();
        }
    }

  private:
    void add(Severity severity, const std::filesystem::path& file, std::string position,
             std::string what) {
        (severity == Severity::damage ? report.damage : report.notes) += 1;
        auto& bucket = sections_[static_cast<size_t>(section)];
        if (bucket.size() < options.keep_findings)
            bucket.push_back({severity, relative(file), std::move(position), std::move(what)});
    }
    std::string relative(const std::filesystem::path& file) const {
        if (file.empty()) return {};
        return file.lexically_relative(inspector.layout().root).generic_string();
    }

    std::array<std::vector<Finding>, 4> sections_;
};

/// "+<pos> (offset <global>)": a position in a commit-log file and the global offset.
std::string commit_log_position(int64_t file_from, int64_t pos);

void verify_consume_queues(VerifyContext& ctx);
void verify_commit_log(VerifyContext& ctx);
void verify_index(VerifyContext& ctx, const IndexGeometryGuess& geometry);

}  // namespace rmq::mqstore::detail
