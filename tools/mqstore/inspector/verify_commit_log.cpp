// The commit-log pass of verify: file names and sizes, then every record (framing, own offset,
// body CRC, whether it was dispatched) up to the end of the written data.
#include <algorithm>
#include <string>

#include "common/big_endian.hpp"
#include "inspector/verify_context.hpp"
#include "message/checksum.hpp"
#include "proto/flags.hpp"
#include "store/mapped_file.hpp"

namespace rmq::mqstore::detail {

namespace {

using std::to_string;

/// A record cut short by a crash: its TOTALSIZE is plausible and nothing follows it in the file.
bool looks_torn(std::span<const char> rest) {
    if (rest.size() < 4) return true;
    const int32_t total = load_be<int32_t>(rest.data());
    if (total <= 0) return false;
    return all_zero(rest.subspan(std::min(rest.size(), static_cast<size_t>(total))));
}

class CommitLogPass {
  public:
    explicit CommitLogPass(VerifyContext& ctx)
        : ctx_(ctx), log_(ctx.inspector.commit_log()), file_size_(log_.file_size()) {}

    void run() {
        for (const auto& foreign : ctx_.inspector.layout().commit_log_foreign)
            ctx_.damage(foreign, "", "not a commit-log file (the name is not a 20-digit offset)");
        const auto& files = log_.files();
        ctx_.report.counts.commit_log_files = files.size();
        for (size_t i = 0; i < files.size(); ++i) {
            check_name_and_size(i);
            if (ended_) {
                check_after_end(files[i]);
            } else {
                walk(i);
            }
        }
        ctx_.report.counts.commit_log_end = ctx_.log_end;
        if (ctx_.report.counts.undispatched > 0) {
            ctx_.note(ctx_.inspector.layout().commit_log_dir(), "",
                      to_string(ctx_.report.counts.undispatched)
                          + " record(s) from offset " + to_string(first_undispatched_)
                          + " on have no consume-queue unit yet (the broker dispatches them when it"
                            " starts)");
        }
    }

  private:
    void check_name_and_size(size_t i) {
        const CommitLogFile& f = log_.files()[i];
        const auto& path = f.file.path();
        if (file_size_ > 0 && f.from_offset % file_size_ != 0) {
            ctx_.damage(path, "",
                        "the name is not a multiple of the file size " + to_string(file_size_));
        }
        if (i > 0) {
            const int64_t expected = log_.files()[i - 1].from_offset + file_size_;
            if (f.from_offset != expected) {
                ctx_.damage(path, "",
                            "does not follow the previous file (expected "
                                + store::offset_to_file_name(expected) + ")");
            }
        }
        if (static_cast<int64_t>(f.file.size()) != file_size_) {
            ctx_.damage(
                path, "",
                "size " + to_string(f.file.size()) + " bytes, expected " + to_string(file_size_));
        }
    }

    /// Files after the end of the written data may only be pre-allocated (all zero).
    void check_after_end(const CommitLogFile& f) {
        const auto bytes = f.file.bytes();
        auto nonzero = std::find_if(bytes.begin(), bytes.end(), [](char c) { return c != 0; });
        if (nonzero == bytes.end()) {
            ctx_.note(f.file.path(), "",
                      "all zero: pre-allocated after the end of the log at offset "
                          + to_string(end_) + " (recovery deletes it)");
            return;
        }
        const int64_t pos = nonzero - bytes.begin();
        ctx_.damage(f.file.path(), commit_log_position(f.from_offset, pos),
                    "data after the end of the log at offset " + to_string(end_));
    }

    bool later_files_all_zero(size_t i) const {
        const auto& files = log_.files();
        return std::all_of(files.begin() + static_cast<std::ptrdiff_t>(i) + 1, files.end(),
                           [](const CommitLogFile& f) { return all_zero(f.file.bytes()); });
    }

    void walk(size_t i) {
        const CommitLogFile& f = log_.files()[i];
        const auto bytes = f.file.bytes();
        const auto& path = f.file.path();
        const bool last = i + 1 == log_.files().size();
        size_t pos = 0;
        for (;;) {
            const int64_t at = f.from_offset + static_cast<int64_t>(pos);
            auto r = message::decode_record_view(bytes.subspan(pos));
            if (r.is_message()) {
                check_record(r.record(), path, f.from_offset, static_cast<int64_t>(pos));
                pos += static_cast<size_t>(r.size());
                continue;
            }
            if (r.is_blank()) {
                ++ctx_.report.counts.blank_markers;
                const int64_t remaining = file_size_ - static_cast<int64_t>(pos);
                if (r.size() != remaining) {
                    ctx_.damage(path, commit_log_position(f.from_offset, static_cast<int64_t>(pos)),
                                "end-of-file marker covers " + to_string(r.size()) + " bytes, but "
                                    + to_string(remaining) + " remain in the file");
                }
                if (last) {
                    ctx_.note(path, commit_log_position(f.from_offset, static_cast<int64_t>(pos)),
                              "the log ends with an end-of-file marker; the next file was never"
                              " created");
                    end_at(at);
                }
                return;
            }
            const auto rest = bytes.subspan(pos);
            if (rest.empty()) {
                // Only a file shorter than the configured size (reported above) ends exactly
                // here; a full one always has room for a marker.
                if (static_cast<int64_t>(bytes.size()) == file_size_) {
                    ctx_.damage(path, "", "the file is full but has no end-of-file marker");
                }
                return;
            }
            if (all_zero(rest)) {  // the unwritten part of the file being appended to
                end_at(at);
                return;
            }
            const std::string position =
                commit_log_position(f.from_offset, static_cast<int64_t>(pos));
            if (ctx_.crashed() && looks_torn(rest) && later_files_all_zero(i)) {
                ctx_.note(path, position,
                          "incomplete last record (" + r.error().message
                              + "): a crash tail, recovery ends the log here");
                end_at(at);
                return;
            }
            // Nothing frames the rest of this file; the next file starts with a record again.
            std::string what = "no record decodes here: " + r.error().message;
            if (at == ctx_.log_end && !last)
                what += "; recovery would end the log here and delete the files after it";
            ctx_.damage(path, position, what);
            return;
        }
    }

    /// Whether normal recovery reads this file: it starts at the third-last one.
    bool in_recovery_scan(int64_t file_from) const {
        const auto& files = log_.files();
        const size_t first = files.size() >= 3 ? files.size() - 3 : 0;
        return file_from >= files[first].from_offset;
    }

    void end_at(int64_t offset) {
        ended_ = true;
        end_ = offset;
    }

    void check_record(const message::RecordView& rec, const std::filesystem::path& path,
                      int64_t from, int64_t pos) {
        ++ctx_.report.counts.records;
        const int64_t at = from + pos;
        if (rec.commit_log_offset != at) {
            std::string what = "PHYSICALOFFSET is " + to_string(rec.commit_log_offset)
                               + ", but the record is at " + to_string(at);
            if (at == ctx_.log_end) what += "; recovery would end the log here";
            ctx_.damage(path, commit_log_position(from, pos), what);
        }
        const int32_t crc = message::body_crc(rec.body);
        if (crc != rec.body_crc) {
            std::string what = "body CRC mismatch: stored " + to_string(rec.body_crc)
                               + ", computed " + to_string(crc);
            // checkCRCOnRecover (default true) makes normal recovery stop at the first bad
            // record of the files it scans, deleting everything after it.
            if (in_recovery_scan(from) && !crc_end_reported_) {
                crc_end_reported_ = true;
                what += "; recovery (checkCRCOnRecover) would end the log here";
            }
            ctx_.damage(path, commit_log_position(from, pos), what);
        }
        check_dispatched(rec, path, from, pos);
    }

    /// A record that gets a consume-queue unit must have one, unless the dispatcher simply has
    /// not reached it yet (it is after every unit's record).
    void check_dispatched(const message::RecordView& rec, const std::filesystem::path& path,
                          int64_t from, int64_t pos) {
        namespace sf = proto::msg_sys_flag;
        const int32_t tran = rec.sys_flag & sf::kTransactionMask;
        if (tran != sf::kTransactionNotType && tran != sf::kTransactionCommitType) return;
        auto it = ctx_.queues.find({std::string(rec.topic), rec.queue_id});
        const int64_t queue_end = it == ctx_.queues.end() ? 0 : it->second.end_index;
        if (rec.queue_offset < queue_end) return;
        const int64_t at = from + pos;
        if (at >= ctx_.dispatched_until) {
            if (ctx_.report.counts.undispatched++ == 0) first_undispatched_ = at;
            return;
        }
        ctx_.damage(
            path, commit_log_position(from, pos),
            std::string(rec.topic) + "/" + to_string(rec.queue_id) + " queue offset "
                + to_string(rec.queue_offset) + " has no consume-queue unit (the queue "
                + (it == ctx_.queues.end() ? "does not exist" : "ends at " + to_string(queue_end))
                + ")");
    }

    VerifyContext& ctx_;
    const CommitLogReader& log_;
    int64_t file_size_;
    bool ended_ = false;
    int64_t end_ = 0;
    int64_t first_undispatched_ = 0;
    bool crc_end_reported_ = false;
};

}  // namespace

std::string commit_log_position(int64_t file_from, int64_t pos) {
    return "+" + to_string(pos) + " (offset " + to_string(file_from + pos) + ")";
}

void verify_commit_log(VerifyContext& ctx) {
    CommitLogPass(ctx).run();
}

}  // namespace rmq::mqstore::detail
