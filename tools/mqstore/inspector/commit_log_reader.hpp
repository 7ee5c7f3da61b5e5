#pragma once
// Read-only access to the commit-log files (spec/store-format.md §4): records by global offset
// and the end of the valid data, found the way recovery finds it.
#include <cstdint>
#include <span>
#include <vector>

#include "inspector/read_only_file.hpp"
#include "inspector/store_layout.hpp"
#include "message/record.hpp"

namespace rmq::mqstore {

struct CommitLogFile {
    int64_t from_offset = 0;
    ReadOnlyFile file;
};

class CommitLogReader {
  public:
    /// Maps every listed file; `file_size` is the configured (inferred) size.
    static Result<CommitLogReader> open(const std::vector<StoreFile>& files, int64_t file_size);

    const std::vector<CommitLogFile>& files() const { return files_; }
    int64_t file_size() const { return file_size_; }
    /// First file's start offset (0 without files).
    int64_t min_offset() const { return files_.empty() ? 0 : files_.front().from_offset; }

    /// The file holding global `offset`, or nullptr.
    const CommitLogFile* file_holding(int64_t offset) const;
    /// Decodes the record at `offset`, bounded by the end of its file. A missing file or an
    /// offset past the file's bytes is a `truncated` error.
    message::RecordResult<message::RecordView> record_at(
        int64_t offset, const message::DecodeOptions& options = {}) const;

    /// End of the valid data as normal recovery finds it: from the third-last file, records
    /// that decode and sit at their own PHYSICALOFFSET (no CRC check), a blank marker moving on
    /// to the next file; the first anything else ends the log. min_offset() without records.
    int64_t scan_end() const;

  private:
    std::vector<CommitLogFile> files_;
    int64_t file_size_ = 0;
};

}  // namespace rmq::mqstore
