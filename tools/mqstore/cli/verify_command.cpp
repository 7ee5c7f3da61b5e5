// mqstore verify: every problem found (damage first, then notes, each capped) and a summary.
#include <ostream>
#include <string>

#include "cli/commands.hpp"
#include "inspector/store_verifier.hpp"

namespace rmq::mqstore {

namespace {

std::string count(size_t n, const char* noun) {
    return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

std::string finding_line(const Finding& f) {
    std::string line = f.severity == Severity::damage ? "DAMAGE " : "note   ";
    line += f.file.empty() ? "store" : f.file;
    if (!f.position.empty()) line += " " + f.position;
    return line + ": " + f.what + "\n";
}

/// Prints up to `cap` findings of one severity; returns how many of them the report holds.
size_t print_findings(std::ostream& out, const VerifyReport& report, Severity severity,
                      size_t cap) {
    size_t kept = 0;
    for (const auto& f : report.findings) {
        if (f.severity != severity) continue;
        if (kept++ < cap) out << finding_line(f);
    }
    return kept;
}

std::string summary(const std::string& dir, const VerifyCounts& c) {
    return "verified " + dir + ": " + std::to_string(c.commit_log_files) + " commit-log files ("
           + std::to_string(c.records) + " records, " + std::to_string(c.blank_markers)
           + " end-of-file markers, data ends at " + std::to_string(c.commit_log_end) + "), "
           + std::to_string(c.queues) + " queues (" + std::to_string(c.units) + " units, "
           + std::to_string(c.holes) + " holes), " + std::to_string(c.index_files)
           + " index files (" + std::to_string(c.index_entries) + " entries)\n";
}

}  // namespace

int run_verify(const CommandLine& cl, std::ostream& out, std::ostream& err) {
    auto inspector = open_store(cl, err);
    if (!inspector) return kExitUsage;
    VerifyOptions options{default_delay_levels()};
    if (!cl.delay_levels.empty()) {
        auto levels = store::DelayLevels::parse(cl.delay_levels);
        if (!levels) {
            err << "mqstore: --delay-levels: cannot parse '" << cl.delay_levels << "'\n";
            return kExitUsage;
        }
        options.delay_levels = *levels;
    }
    auto report = verify_store(*inspector, options);
    if (!report) {
        err << "mqstore: " << report.error().message << "\n";
        return kExitUsage;
    }
    const size_t damage_shown = print_findings(out, *report, Severity::damage, cl.max_problems);
    if (report->damage > cl.max_problems)
        out << "... " << report->damage - std::min(damage_shown, cl.max_problems)
            << " more damage findings not shown (--max-problems)\n";
    const size_t notes_shown = print_findings(out, *report, Severity::note, cl.max_problems);
    if (report->notes > cl.max_problems)
        out << "... " << report->notes - std::min(notes_shown, cl.max_problems)
            << " more notes not shown (--max-problems)\n";
    out << summary(cl.dir, report->counts);
    if (report->ok()) {
        out << "result: OK, no damage (" << count(report->notes, "note") << ")\n";
        return kExitOk;
    }
    out << "result: DAMAGED, " << count(report->damage, "problem") << " ("
        << count(report->notes, "note") << ")\n";
    return kExitDamage;
}

}  // namespace rmq::mqstore
