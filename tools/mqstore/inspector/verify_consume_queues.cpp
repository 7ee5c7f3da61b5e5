// The consume-queue pass of verify: per queue, file names and sizes, then every unit up to the
// end of the queue: holes only before the first real unit, and each real unit pointing at a
// record of this topic and queue with this queue offset, size and tags code.
#include <algorithm>
#include <string>

#include "inspector/tags_code.hpp"
#include "inspector/verify_context.hpp"
#include "proto/flags.hpp"
#include "store/mapped_file.hpp"

namespace rmq::mqstore::detail {

namespace {

using std::to_string;

class QueuePass {
  public:
    QueuePass(VerifyContext& ctx, const QueueDirectory& dir, const ConsumeQueueReader& queue)
        : ctx_(ctx), dir_(dir), queue_(queue), file_size_(queue.file_size()) {}

    QueueBounds run() {
        for (const auto& foreign : dir_.foreign)
            ctx_.damage(foreign, "",
                        "not a consume-queue file (the name is not a 20-digit offset)");
        for (size_t i = 0; i < queue_.file_count(); ++i)
            check_name_and_size(i);
        QueueBounds bounds{queue_.first_index(), queue_.first_index()};
        for (size_t i = 0; i < queue_.file_count(); ++i) {
            walk(i, bounds);
            if (stop_) break;
        }
        return bounds;
    }

  private:
    void check_name_and_size(size_t i) {
        const auto& path = queue_.file(i).path();
        const int64_t from = queue_.file_from(i);
        if (from % file_size_ != 0)
            ctx_.damage(path, "",
                        "the name is not a multiple of the file size " + to_string(file_size_));
        if (i > 0 && from != queue_.file_from(i - 1) + file_size_) {
            ctx_.damage(path, "",
                        "does not follow the previous file (expected "
                            + store::offset_to_file_name(queue_.file_from(i - 1) + file_size_)
                            + ")");
        }
        if (static_cast<int64_t>(queue_.file(i).size()) != file_size_) {
            ctx_.damage(path, "",
                        "size " + to_string(queue_.file(i).size()) + " bytes, expected "
                            + to_string(file_size_));
        }
    }

    static std::string unit_position(int64_t pos, int64_t index) {
        return "+" + to_string(pos) + " (queue offset " + to_string(index) + ")";
    }

    void walk(size_t i, QueueBounds& bounds) {
        const auto& file = queue_.file(i);
        const auto bytes = file.bytes();
        const int64_t from = queue_.file_from(i);
        const int64_t limit = std::min<int64_t>(file_size_, static_cast<int64_t>(bytes.size()));
        for (int64_t pos = 0; pos + kCqUnitSize <= limit; pos += kCqUnitSize) {
            const int64_t index = (from + pos) / kCqUnitSize;
            const auto unit_bytes = bytes.subspan(static_cast<size_t>(pos), kCqUnitSize);
            if (ended_) {
                if (!all_zero(unit_bytes)) {
                    ctx_.damage(file.path(), unit_position(pos, index),
                                "unit after the end of the queue at queue offset "
                                    + to_string(bounds.end_index));
                    stop_ = true;  // one report per queue is enough
                    return;
                }
                continue;
            }
            const CqUnit unit = decode_cq_unit(unit_bytes.data());
            if (!is_unit_in_use(unit)) {
                ended_ = true;
                if (!all_zero(unit_bytes)) {
                    // A broker writing the unit right now, or killed while writing it, leaves
                    // a partial one; anywhere else it is garbage.
                    const std::string what = "invalid unit (offset "
                                             + to_string(unit.commit_log_offset) + ", size "
                                             + to_string(unit.size) + ") ends the queue";
                    if (ctx_.crashed()) {
                        ctx_.note(file.path(), unit_position(pos, index), what);
                    } else {
                        ctx_.damage(file.path(), unit_position(pos, index), what);
                    }
                }
                continue;
            }
            bounds.end_index = index + 1;
            if (unit.is_hole()) {
                ++ctx_.report.counts.holes;
                if (seen_real_) {
                    ctx_.damage(file.path(), unit_position(pos, index),
                                "hole after the first real unit");
                }
                continue;
            }
            seen_real_ = true;
            ctx_.dispatched_until =
                std::max(ctx_.dispatched_until, unit.commit_log_offset + unit.size);
            check_unit(unit, index, file.path(), unit_position(pos, index));
        }
        // A file shorter than the configured size ends the queue where its bytes end.
        if (limit < file_size_) ended_ = true;
    }

    void check_unit(const CqUnit& unit, int64_t index, const std::filesystem::path& path,
                    const std::string& position) {
        const CommitLogReader& log = ctx_.inspector.commit_log();
        if (unit.commit_log_offset < log.min_offset()) return;  // its file was cleaned up
        ++ctx_.report.counts.units;
        const std::string points = "points at offset " + to_string(unit.commit_log_offset);
        if (unit.commit_log_offset + unit.size > ctx_.log_end) {
            const std::string what =
                points + ", past the end of the commit log (" + to_string(ctx_.log_end) + ")";
            if (ctx_.crashed()) {
                ctx_.note(path, position, what + ": recovery truncates the queue here");
            } else {
                ctx_.damage(path, position, what);
            }
            return;
        }
        auto r = log.record_at(unit.commit_log_offset);
        if (!r.is_message()) {
            ctx_.damage(path, position,
                        points
                            + (r.is_blank() ? ", an end-of-file marker"
                                            : ", where no record decodes: " + r.error().message));
            return;
        }
        const message::RecordView& rec = r.record();
        std::string wrong;
        auto mismatch = [&](const std::string& field, const std::string& record_value) {
            wrong += (wrong.empty() ? "" : ", ") + field + " " + record_value;
        };
        if (rec.commit_log_offset != unit.commit_log_offset)
            mismatch("PHYSICALOFFSET", to_string(rec.commit_log_offset));
        if (rec.topic != queue_.topic()) mismatch("topic", std::string(rec.topic));
        if (rec.queue_id != queue_.queue_id()) mismatch("queue id", to_string(rec.queue_id));
        if (rec.queue_offset != index) mismatch("queue offset", to_string(rec.queue_offset));
        if (rec.store_size != unit.size)
            mismatch("size", to_string(rec.store_size) + " (unit: " + to_string(unit.size) + ")");
        if (!is_ext_address(unit.tags_code)) {
            const int64_t tags = expected_tags_code(rec, ctx_.options.delay_levels);
            if (tags != unit.tags_code)
                mismatch("tags code",
                         to_string(tags) + " (unit: " + to_string(unit.tags_code) + ")");
        }
        namespace sf = proto::msg_sys_flag;
        const int32_t tran = rec.sys_flag & sf::kTransactionMask;
        if (tran != sf::kTransactionNotType && tran != sf::kTransactionCommitType)
            mismatch("transaction type",
                     tran == sf::kTransactionPreparedType ? "prepared" : "rollback");
        if (!wrong.empty()) ctx_.damage(path, position, points + ", a record with " + wrong);
    }

    VerifyContext& ctx_;
    const QueueDirectory& dir_;
    const ConsumeQueueReader& queue_;
    int64_t file_size_;
    bool seen_real_ = false;
    bool ended_ = false;
    bool stop_ = false;
};

}  // namespace

void verify_consume_queues(VerifyContext& ctx) {
    const StoreLayout& layout = ctx.inspector.layout();
    for (const auto& skipped : layout.skipped_queue_dirs)
        ctx.note(skipped, "", "not a queue directory (RocketMQ skips it)");
    for (const auto& dir : layout.queues) {
        auto queue = ctx.inspector.open_queue(dir);
        if (!queue) {
            ctx.damage(dir.dir, "", queue.error().message);
            continue;
        }
        ++ctx.report.counts.queues;
        ctx.queues[{dir.topic, dir.queue_id}] = QueuePass(ctx, dir, *queue).run();
    }
}

}  // namespace rmq::mqstore::detail
