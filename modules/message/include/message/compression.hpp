#pragma once
// Message body compression (spec/message-format.md §8.1). Only zlib is implemented: it is what
// every 4.x client writes by default; LZ4/ZSTD bodies are reported as unsupported.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

#include "message/error.hpp"
#include "proto/flags.hpp"

namespace rmq::message {

/// Default bound on an inflated body: far above maxMessageSize (4 MiB), low enough that a zip
/// bomb cannot exhaust memory.
inline constexpr std::size_t kDefaultMaxInflatedSize = std::size_t{64} << 20;

/// Java's Deflater level for message bodies (rocketmq.message.compressLevel default).
inline constexpr int kDefaultCompressLevel = 5;

/// Inflates an RFC 1950 zlib stream. Fails with inflated_too_large past `max_size` bytes, with
/// corrupt_compressed_data on a bad or incomplete stream. Bytes after the end of the stream
/// are ignored, as Java's InflaterInputStream does.
Result<std::string> zlib_inflate(std::span<const char> data,
                                 std::size_t max_size = kDefaultMaxInflatedSize);

/// Deflates into an RFC 1950 zlib stream (java.util.zip.Deflater with default wrapping).
std::string zlib_deflate(std::span<const char> data, int level = kDefaultCompressLevel);

/// Compression type from sys_flag bits 8-10 (0 = legacy zlib).
inline proto::CompressionType compression_type(int32_t sys_flag) noexcept {
    return static_cast<proto::CompressionType>(
        (sys_flag & proto::msg_sys_flag::kCompressionTypeMask)
        >> proto::msg_sys_flag::kCompressionTypeShift);
}

/// The body a consumer sees: a copy of `body` if sys_flag has no COMPRESSED bit, else the body
/// inflated per the compression type (0 or 3 → zlib; LZ4, ZSTD and unassigned types →
/// unsupported_compression).
Result<std::string> decompress_body(std::span<const char> body, int32_t sys_flag,
                                    std::size_t max_size = kDefaultMaxInflatedSize);

}  // namespace rmq::message
