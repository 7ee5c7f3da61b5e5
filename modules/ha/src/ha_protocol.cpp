#include "ha/ha_protocol.hpp"

#include <cstring>

#include "common/big_endian.hpp"

namespace rmq::ha {

void append_offset_report(std::string& out, int64_t max_phy_offset) {
    append_be<int64_t>(out, max_phy_offset);
}

void append_transfer_header(std::string& out, const TransferHeader& header) {
    append_be<int64_t>(out, header.phy_offset);
    append_be<int32_t>(out, header.body_size);
}

std::optional<int64_t> OffsetReportReader::feed(std::string_view bytes) {
    std::optional<int64_t> latest;
    while (!bytes.empty()) {
        const size_t take = std::min(kReportSize - partial_len_, bytes.size());
        std::memcpy(partial_ + partial_len_, bytes.data(), take);
        partial_len_ += take;
        bytes.remove_prefix(take);
        if (partial_len_ == kReportSize) {
            latest = load_be<int64_t>(partial_);
            partial_len_ = 0;
        }
    }
    return latest;
}

void TransferStreamParser::feed(std::string_view bytes) {
    if (begin_ > 0 && begin_ == buf_.size()) {
        buf_.clear();
        begin_ = 0;
    } else if (begin_ > 64 * 1024) {
        buf_.erase(0, begin_);
        begin_ = 0;
    }
    buf_.append(bytes);
}

TransferStreamParser::Status TransferStreamParser::next(Chunk& out) {
    if (!error_.empty()) return Status::Error;
    const size_t avail = buf_.size() - begin_;
    if (avail < kTransferHeaderSize) return Status::NeedMore;
    const char* p = buf_.data() + begin_;
    TransferHeader h{load_be<int64_t>(p), load_be<int32_t>(p + 8)};
    if (h.body_size < 0 || h.body_size > max_body_ || h.phy_offset < 0) {
        error_ = "bad HA transfer header: offset " + std::to_string(h.phy_offset) + ", size "
                 + std::to_string(h.body_size);
        return Status::Error;
    }
    if (avail < kTransferHeaderSize + static_cast<size_t>(h.body_size)) return Status::NeedMore;
    out.header = h;
    out.body = std::string_view(p + kTransferHeaderSize, static_cast<size_t>(h.body_size));
    begin_ += kTransferHeaderSize + static_cast<size_t>(h.body_size);
    return Status::Chunk;
}

}  // namespace rmq::ha
