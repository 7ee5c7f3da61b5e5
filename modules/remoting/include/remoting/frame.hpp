#pragma once
// Frames on the wire (spec/remoting.md §2):
//   int32 L (bytes that follow) | int32 (serializeType << 24 | headerLength N) | header | body
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "proto/protocol_error.hpp"
#include "remoting/command.hpp"

namespace rmq::remoting {

/// Java's default maximum frame (com.rocketmq.remoting.frameMaxLength), length field included.
inline constexpr size_t kDefaultMaxFrameSize = size_t{16} * 1024 * 1024;

/// Appends length, type word and header (not the body) to `out`; the length covers the body
/// (`cmd.body` and `cmd.body_views`) so the caller can write the body bytes right after.
void encode_frame_prefix(const RemotingCommand& cmd, std::string& out);
/// The whole frame in one buffer (body and body views copied); for tests and small frames.
std::string encode_frame(const RemotingCommand& cmd);

/// One frame as it sits in the read buffer; views are valid until the parser is fed again.
struct FrameView {
    SerializeType type = SerializeType::JSON;
    std::string_view header;
    std::string_view body;
};

/// Builds the command from a frame: decodes the header and copies the body.
proto::Result<RemotingCommand> decode_frame(const FrameView& frame);
/// Decodes a complete frame (length prefix included); for tests and tools.
proto::Result<RemotingCommand> decode_frame_bytes(std::string_view bytes);

/// Incremental frame splitter for a byte stream. Feed it with prepare()/commit() (or append()),
/// then call next() until it returns NeedMore. Frames may be split across reads and many may
/// arrive in one read. After an Error the stream is unusable (the connection must be closed).
class FrameParser {
  public:
    enum class Status { NeedMore, Frame, Error };

    explicit FrameParser(size_t max_frame_size = kDefaultMaxFrameSize);

    /// A writable region of at least `min_size` bytes at the end of the buffered data.
    std::span<char> prepare(size_t min_size);
    void commit(size_t n);
    void append(std::string_view bytes);

    /// On Frame, `out` views the next frame (valid until the next prepare/append/next call).
    Status next(FrameView& out);
    const std::string& error() const { return error_; }
    size_t buffered() const { return end_ - begin_; }
    size_t max_frame_size() const { return max_frame_size_; }
    /// Bytes currently allocated for buffering (memory a connection holds).
    size_t capacity() const { return buf_.size(); }

  private:
    void compact(size_t min_free);

    size_t max_frame_size_;
    std::vector<char> buf_;
    size_t begin_ = 0;  // first unconsumed byte
    size_t end_ = 0;    // one past the last buffered byte
    std::string error_;
};

}  // namespace rmq::remoting
