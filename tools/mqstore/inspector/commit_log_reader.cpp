#include "inspector/commit_log_reader.hpp"

#include <algorithm>
#include <string>

namespace rmq::mqstore {

Result<CommitLogReader> CommitLogReader::open(const std::vector<StoreFile>& files,
                                              int64_t file_size) {
    CommitLogReader reader;
    reader.file_size_ = file_size;
    for (const auto& f : files) {
        auto mapped = ReadOnlyFile::map(f.path);
        if (!mapped) return mapped.error();
        reader.files_.push_back({f.offset, std::move(*mapped)});
    }
    return reader;
}

const CommitLogFile* CommitLogReader::file_holding(int64_t offset) const {
    // The last file starting at or before `offset`; names, not sizes on disk, give the ranges,
    // so a truncated file still owns its range (and reads there fail as truncated).
    auto it = std::upper_bound(files_.begin(), files_.end(), offset,
                               [](int64_t o, const CommitLogFile& f) { return o < f.from_offset; });
    if (it == files_.begin()) return nullptr;
    --it;
    if (offset - it->from_offset >= std::max<int64_t>(file_size_, 1)) return nullptr;
    return &*it;
}

message::RecordResult<message::RecordView> CommitLogReader::record_at(
    int64_t offset, const message::DecodeOptions& options) const {
    using Result = message::RecordResult<message::RecordView>;
    const CommitLogFile* f = file_holding(offset);
    if (f == nullptr) {
        return Result::failure(message::make_error(
            message::errc::truncated, "no commit-log file holds offset " + std::to_string(offset)));
    }
    const auto pos = static_cast<size_t>(offset - f->from_offset);
    const auto bytes = f->file.bytes();
    if (pos >= bytes.size()) {
        return Result::failure(message::make_error(
            message::errc::truncated, "offset " + std::to_string(offset) + " is past the end of "
                                          + f->file.path().filename().string()));
    }
    return message::decode_record_view(bytes.subspan(pos), options);
}

int64_t CommitLogReader::scan_end() const {
    if (files_.empty()) return 0;
    const size_t first = files_.size() >= 3 ? files_.size() - 3 : 0;
    for (size_t i = first; i < files_.size(); ++i) {
        const auto bytes = files_[i].file.bytes();
        const int64_t from = files_[i].from_offset;
        size_t pos = 0;
        for (;;) {
            auto r = message::decode_record_view(bytes.subspan(pos));
            if (r.is_message()
                && r.record().commit_log_offset == from + static_cast<int64_t>(pos)) {
                pos += static_cast<size_t>(r.size());
                continue;
            }
            if (r.is_blank() && i + 1 < files_.size()) break;
            return from + static_cast<int64_t>(pos);
        }
    }
    return files_.back().from_offset;  // not reached: the last file always ends the loop
}

}  // namespace rmq::mqstore
