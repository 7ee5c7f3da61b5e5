#include "inspector/store_verifier.hpp"

#include "inspector/verify_context.hpp"

namespace rmq::mqstore {

store::DelayLevels default_delay_levels() {
    return *store::DelayLevels::parse("1s 5s 10s 30s 1m 2m 3m 4m 5m 6m 7m 8m 9m 10m 20m 30m 1h 2h");
}

namespace {

void check_store_files(detail::VerifyContext& ctx) {
    const StoreLayout& layout = ctx.inspector.layout();
    if (layout.abort_present) {
        ctx.note(layout.root / "abort", "",
                 "present: a broker is running or did not shut down cleanly; an unfinished tail"
                 " is reported as notes, not damage");
    }
    const auto& checkpoint = ctx.inspector.checkpoint();
    if (!checkpoint) {
        ctx.note(layout.checkpoint_path(), "", "missing (a broker starts with zero timestamps)");
    } else if (checkpoint->file_size < 24) {
        ctx.damage(layout.checkpoint_path(), "",
                   "size " + std::to_string(checkpoint->file_size) + " bytes, shorter than its 24"
                   " bytes of timestamps");
    }
}

}  // namespace

Result<VerifyReport> verify_store(const StoreInspector& inspector, const VerifyOptions& options) {
    const auto& geometry = inspector.index_geometry();
    if (!geometry) return geometry.error();
    VerifyReport report;
    detail::VerifyContext ctx(inspector, options, report);
    ctx.log_end = inspector.commit_log().scan_end();
    using Section = detail::VerifyContext::Section;
    check_store_files(ctx);
    // Queues first: the commit-log pass needs their bounds to tell undispatched records.
    ctx.section = Section::consume_queues;
    detail::verify_consume_queues(ctx);
    ctx.section = Section::commit_log;
    detail::verify_commit_log(ctx);
    ctx.section = Section::index;
    detail::verify_index(ctx, *geometry);
    ctx.finish();
    return report;
}

}  // namespace rmq::mqstore
