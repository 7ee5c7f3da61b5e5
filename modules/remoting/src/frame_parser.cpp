#include <cstring>

#include "common/big_endian.hpp"
#include "remoting/frame.hpp"

namespace rmq::remoting {

namespace {
constexpr size_t kInitialBuffer = 64 * 1024;
// Frames up to this size are served from the shared buffer; larger ones grow it once.
constexpr size_t kShrinkAbove = 1024 * 1024;
}  // namespace

FrameParser::FrameParser(size_t max_frame_size) : max_frame_size_(max_frame_size) {
}

void FrameParser::compact(size_t min_free) {
    if (begin_ == end_) begin_ = end_ = 0;
    if (buf_.size() - end_ >= min_free) return;
    if (begin_ > 0) {
        std::memmove(buf_.data(), buf_.data() + begin_, end_ - begin_);
        end_ -= begin_;
        begin_ = 0;
    }
    if (buf_.size() - end_ < min_free) {
        // Double while small (amortised growth for many mid-sized frames); beyond that grow only
        // by what is asked, so a 16 MiB frame never pins 32 MiB.
        size_t want = std::max(kInitialBuffer, end_ + min_free);
        if (buf_.size() < kShrinkAbove) want = std::max(want, buf_.size() * 2);
        buf_.resize(want);
    }
}

std::span<char> FrameParser::prepare(size_t min_size) {
    // After a large frame has been consumed, give the memory back rather than pinning it for the
    // life of the connection.
    if (begin_ == end_ && buf_.size() > kShrinkAbove && min_size <= kInitialBuffer) {
        std::vector<char>().swap(buf_);
        begin_ = end_ = 0;
    }
    compact(min_size);
    return {buf_.data() + end_, buf_.size() - end_};
}

void FrameParser::commit(size_t n) {
    end_ += n;
}

void FrameParser::append(std::string_view bytes) {
    if (bytes.empty()) return;
    auto span = prepare(bytes.size());
    std::memcpy(span.data(), bytes.data(), bytes.size());
    commit(bytes.size());
}

FrameParser::Status FrameParser::next(FrameView& out) {
    if (!error_.empty()) return Status::Error;
    const size_t avail = end_ - begin_;
    if (avail < 4) return Status::NeedMore;
    const char* p = buf_.data() + begin_;
    const int32_t length = load_be<int32_t>(p);
    // The Java limit counts the 4-byte length field too.
    if (length < 4 || static_cast<uint64_t>(length) + 4 > max_frame_size_) {
        error_ = length < 4
                     ? "frame length " + std::to_string(length) + " is too small"
                     : "frame length " + std::to_string(length) + " exceeds the maximum frame size "
                           + std::to_string(max_frame_size_);
        return Status::Error;
    }
    const size_t total = static_cast<size_t>(length) + 4;
    if (avail < total) {
        // Make room for the whole frame now, so the next read can complete it in one go.
        if (buf_.size() - begin_ < total) compact(total - avail);
        return Status::NeedMore;
    }
    const uint32_t word = load_be<uint32_t>(p + 4);
    const uint32_t type = word >> 24;
    const size_t header_len = word & 0xFFFFFF;
    if (type > 1) {
        error_ = "unknown serialize type " + std::to_string(type);
        return Status::Error;
    }
    if (header_len > static_cast<size_t>(length) - 4) {
        error_ = "header length " + std::to_string(header_len) + " exceeds the frame length "
                 + std::to_string(length);
        return Status::Error;
    }
    out.type = static_cast<SerializeType>(type);
    out.header = std::string_view(p + 8, header_len);
    out.body = std::string_view(p + 8 + header_len, static_cast<size_t>(length) - 4 - header_len);
    begin_ += total;
    return Status::Frame;
}

}  // namespace rmq::remoting
