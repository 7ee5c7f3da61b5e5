#pragma once
// The 4.x master/slave replication stream (spec/ha.md §2): raw TCP, not remoting.
//   slave -> master: 8-byte big-endian offset reports (the slave's commit-log max offset)
//   master -> slave: 12-byte headers (physical offset, body size) each followed by that many raw
//                    commit-log bytes; size 0 is a heartbeat.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace rmq::ha {

inline constexpr size_t kReportSize = 8;
inline constexpr size_t kTransferHeaderSize = 12;
/// haTransferBatchSize: the largest chunk a 4.9.8 master sends.
inline constexpr int32_t kDefaultTransferBatchSize = 32 * 1024;

struct TransferHeader {
    int64_t phy_offset = 0;
    int32_t body_size = 0;
    bool operator==(const TransferHeader&) const = default;
};

void append_offset_report(std::string& out, int64_t max_phy_offset);
void append_transfer_header(std::string& out, const TransferHeader& header);

/// Master side: consumes report bytes and keeps the last complete 8-byte value, as the Java
/// master does (it rounds its read position down to a multiple of 8).
class OffsetReportReader {
  public:
    /// Returns the newest complete report in `bytes` (plus any partial one left from before).
    std::optional<int64_t> feed(std::string_view bytes);

  private:
    char partial_[kReportSize] = {};
    size_t partial_len_ = 0;
};

/// Slave side: splits the master's byte stream into chunks. A chunk is complete only when its
/// whole body has arrived. Bodies larger than `max_body` or negative sizes are stream errors.
class TransferStreamParser {
  public:
    struct Chunk {
        TransferHeader header;
        std::string_view body;  // valid until the next feed()
    };
    enum class Status { NeedMore, Chunk, Error };

    explicit TransferStreamParser(int32_t max_body = 16 * 1024 * 1024) : max_body_(max_body) {}

    void feed(std::string_view bytes);
    Status next(Chunk& out);
    const std::string& error() const { return error_; }

  private:
    int32_t max_body_;
    std::string buf_;
    size_t begin_ = 0;
    std::string error_;
};

}  // namespace rmq::ha
