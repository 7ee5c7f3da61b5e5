// The index pass of verify: per file, size and header (counts, offsets within the commit log),
// the hash-slot table and the chains, and that each entry's hash is a key of its record.
#include <algorithm>
#include <string>
#include <vector>

#include "inspector/index_reader.hpp"
#include "inspector/verify_context.hpp"
#include "message/properties.hpp"
#include "message/property_keys.hpp"

namespace rmq::mqstore::detail {

namespace {

using std::to_string;

/// Hashes of the keys the index service adds for a record (spec/store-format.md §5).
std::vector<int32_t> indexed_key_hashes(const message::RecordView& rec) {
    namespace keys = message::prop;
    std::vector<int32_t> hashes;
    const std::string prefix = std::string(rec.topic) + "#";
    const auto uniq = message::find_property(rec.properties, keys::kUniqKey);
    if (!uniq.empty()) hashes.push_back(store::index_key_hash(prefix + std::string(uniq)));
    std::string_view all = message::find_property(rec.properties, keys::kKeys);
    while (!all.empty()) {
        const size_t space = all.find(' ');
        const std::string_view key = all.substr(0, space);
        if (!key.empty()) hashes.push_back(store::index_key_hash(prefix + std::string(key)));
        if (space == std::string_view::npos) break;
        all.remove_prefix(space + 1);
    }
    return hashes;
}

class IndexFilePass {
  public:
    IndexFilePass(VerifyContext& ctx, const ReadOnlyFile& file, const IndexGeometry& g, bool newest)
        : ctx_(ctx), file_(file), g_(g), newest_(newest), bytes_(file.bytes()) {}

    void run() {
        if (static_cast<int64_t>(file_.size()) != g_.file_size()) {
            ctx_.damage(file_.path(), "",
                        "size " + to_string(file_.size()) + " bytes, expected "
                            + to_string(g_.file_size()) + " (" + to_string(g_.hash_slots)
                            + " slots, " + to_string(g_.max_entries) + " entries)");
            return;  // nothing else sits where it should
        }
        header_ = *read_index_header(bytes_);
        // RocketMQ reads a count ≤ 0 (a header never written) as 1: an empty file.
        count_ = std::max(header_.index_count, 1);
        if (!check_header()) return;
        check_slots();
        check_entries();
        ctx_.report.counts.index_entries += count_ - 1;
    }

  private:
    bool check_header() {
        const auto& path = file_.path();
        if (count_ > g_.max_entries) {
            ctx_.damage(path, "header",
                        "indexCount " + to_string(count_) + " is above maxIndexNum "
                            + to_string(g_.max_entries));
            return false;
        }
        if (!newest_ && count_ < g_.max_entries) {
            ctx_.note(
                path, "header",
                "not full (indexCount " + to_string(count_) + ") although a newer file exists");
        }
        if (count_ == 1) return true;
        if (header_.begin_phy_offset > header_.end_phy_offset || header_.begin_phy_offset < 0) {
            ctx_.damage(path, "header",
                        "beginPhyOffset " + to_string(header_.begin_phy_offset)
                            + " is after endPhyOffset " + to_string(header_.end_phy_offset));
        }
        if (header_.begin_timestamp > header_.end_timestamp) {
            ctx_.damage(path, "header",
                        "beginTimestamp " + to_string(header_.begin_timestamp)
                            + " is after endTimestamp " + to_string(header_.end_timestamp));
        }
        if (header_.end_phy_offset >= ctx_.log_end) {
            const std::string what = "endPhyOffset " + to_string(header_.end_phy_offset)
                                     + " is past the end of the commit log ("
                                     + to_string(ctx_.log_end) + ")";
            if (ctx_.crashed()) {
                ctx_.note(path, "header", what);
            } else {
                ctx_.damage(path, "header", what);
            }
        }
        const auto& checkpoint = ctx_.inspector.checkpoint();
        if (ctx_.crashed() && checkpoint
            && header_.end_timestamp > checkpoint->index_msg_timestamp) {
            ctx_.note(path, "header",
                      "endTimestamp " + to_string(header_.end_timestamp)
                          + " is newer than the checkpoint's indexMsgTimestamp "
                          + to_string(checkpoint->index_msg_timestamp)
                          + ": recovery deletes this file and rebuilds it");
        }
        return true;
    }

    void check_slots() {
        int32_t used = 0;
        size_t reported = 0;
        for (int32_t s = 0; s < g_.hash_slots; ++s) {
            const int32_t head = read_index_slot(bytes_, s);
            if (head == 0) continue;
            ++used;
            if (head < 0 || head >= count_) {
                if (reported++ < kReportsPerFile)
                    ctx_.damage(file_.path(), "slot " + to_string(s),
                                "holds entry " + to_string(head) + ", beyond indexCount "
                                    + to_string(count_));
                continue;
            }
            walk_chain(s, head);
        }
        if (used != header_.hash_slot_count && count_ > 1) {
            ctx_.damage(file_.path(), "header",
                        "hashSlotCount " + to_string(header_.hash_slot_count) + ", but "
                            + to_string(used) + " slots are in use");
        }
    }

    /// Follows one slot's chain; every entry on it must hash to this slot and point back to
    /// an older entry.
    void walk_chain(int32_t slot, int32_t head) {
        if (in_chain_.empty()) in_chain_.assign(static_cast<size_t>(count_), false);
        for (int32_t n = head; n != 0;) {
            if (in_chain_[static_cast<size_t>(n)]) {
                problem("entry " + to_string(n), "is on two chains");
                return;
            }
            in_chain_[static_cast<size_t>(n)] = true;
            const IndexEntry e = read_index_entry(bytes_, g_, n);
            if (e.key_hash < 0 || e.key_hash % g_.hash_slots != slot) {
                problem("entry " + to_string(n), "hash " + to_string(e.key_hash)
                                                     + " is on the chain of slot "
                                                     + to_string(slot));
            }
            if (e.prev < 0 || e.prev >= n) {
                problem("entry " + to_string(n),
                        "previous entry " + to_string(e.prev) + " is not older than the entry");
                return;
            }
            n = e.prev;
        }
    }

    void check_entries() {
        const CommitLogReader& log = ctx_.inspector.commit_log();
        for (int32_t n = 1; n < count_; ++n) {
            const std::string where = "entry " + to_string(n);
            if (in_chain_.empty() || !in_chain_[static_cast<size_t>(n)])
                problem(where, "is on no slot's chain");
            const IndexEntry e = read_index_entry(bytes_, g_, n);
            if (e.phy_offset < header_.begin_phy_offset || e.phy_offset > header_.end_phy_offset) {
                problem(where, "offset " + to_string(e.phy_offset) + " is outside the header's ["
                                   + to_string(header_.begin_phy_offset) + ", "
                                   + to_string(header_.end_phy_offset) + "]");
                continue;
            }
            if (e.time_diff < 0
                || (header_.begin_timestamp > 0
                    && header_.begin_timestamp + int64_t{e.time_diff} * 1000
                           > header_.end_timestamp)) {
                problem(where, "time difference " + to_string(e.time_diff)
                                   + " s is outside the header's time span");
            }
            if (e.phy_offset < log.min_offset() || e.phy_offset >= ctx_.log_end) continue;
            auto r = log.record_at(e.phy_offset);
            if (!r.is_message() || r.record().commit_log_offset != e.phy_offset) {
                problem(where,
                        "offset " + to_string(e.phy_offset) + " is not the start of a record");
                continue;
            }
            const auto hashes = indexed_key_hashes(r.record());
            if (std::find(hashes.begin(), hashes.end(), e.key_hash) == hashes.end()) {
                problem(where, "hash " + to_string(e.key_hash) + " is no key of the record at "
                                   + to_string(e.phy_offset));
            }
        }
    }

    void problem(const std::string& where, const std::string& what) {
        if (reported_++ < kReportsPerFile) {
            ctx_.damage(file_.path(), where, what);
        } else {
            ctx_.report.damage += 1;  // counted, not kept: one broken file would flood the list
        }
    }

    static constexpr size_t kReportsPerFile = 20;

    VerifyContext& ctx_;
    const ReadOnlyFile& file_;
    IndexGeometry g_;
    bool newest_;
    std::span<const char> bytes_;
    store::IndexHeader header_;
    int32_t count_ = 1;
    std::vector<bool> in_chain_;
    size_t reported_ = 0;
};

}  // namespace

void verify_index(VerifyContext& ctx, const IndexGeometryGuess& geometry) {
    const StoreLayout& layout = ctx.inspector.layout();
    for (const auto& foreign : layout.index_foreign)
        ctx.damage(foreign, "", "not an index file (the name is not a 17-digit time)");
    const auto& files = ctx.inspector.index_files();
    ctx.report.counts.index_files = files.size();
    for (size_t i = 0; i < files.size(); ++i) {
        if (!geometry.geometry) {
            // Only empty files (or none): there are no entries whose places depend on it.
            auto header = read_index_header(files[i].bytes());
            if (!header) ctx.damage(files[i].path(), "", "shorter than an index header");
            continue;
        }
        IndexFilePass(ctx, files[i], *geometry.geometry, i + 1 == files.size()).run();
    }
}

}  // namespace rmq::mqstore::detail
