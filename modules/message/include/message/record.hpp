#pragma once
// Stored message record codec (spec/message-format.md §1-§3): the layout of commit-log files and
// of PULL / QUERY / VIEW response bodies.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <variant>

#include "message/error.hpp"
#include "message/message.hpp"

namespace rmq::message {

/// Fixed positions that do not move with IPv6 hosts (the store patches them at append time).
namespace record_pos {
inline constexpr std::size_t kTotalSize = 0;
inline constexpr std::size_t kMagic = 4;
inline constexpr std::size_t kBodyCrc = 8;
inline constexpr std::size_t kQueueId = 12;
inline constexpr std::size_t kFlag = 16;
inline constexpr std::size_t kQueueOffset = 20;
inline constexpr std::size_t kPhysicalOffset = 28;
inline constexpr std::size_t kSysFlag = 36;
inline constexpr std::size_t kBornTimestamp = 40;
inline constexpr std::size_t kBornHost = 48;
}  // namespace record_pos

/// Smallest possible message record: v1, IPv4 hosts, empty body, topic and properties.
inline constexpr std::size_t kMinRecordSize = 91;
/// Bytes of the end-of-file marker that are actually written (TOTALSIZE + MAGICCODE).
inline constexpr std::size_t kBlankMarkerSize = 8;

/// A decoded record whose variable parts point into the decoded buffer (zero copy). Valid only
/// while that buffer lives.
struct RecordView : RecordMeta {
    int32_t flag = 0;
    std::string_view body;  // as stored (still compressed if sys_flag says so)
    std::string_view topic;
    std::string_view properties;  // the raw properties string (§9)
};

struct DecodeOptions {
    /// Recompute the body CRC and fail with crc_mismatch if it differs (recovery does this;
    /// clients do not).
    bool verify_body_crc = false;
};

enum class RecordKind : uint8_t { message, blank, error };

/// Outcome of decoding one record: a message, the end-of-file blank marker, or an error.
template <class T>
class [[nodiscard]] RecordResult {
  public:
    static RecordResult message(T record) { return RecordResult(std::move(record)); }
    static RecordResult blank(int32_t total_size) { return RecordResult(Blank{total_size}); }
    static RecordResult failure(common::Error error) { return RecordResult(std::move(error)); }
    /// A message result holding a default-constructed T, to be filled in place.
    static RecordResult empty_message() { return RecordResult(std::in_place); }

    RecordKind kind() const noexcept { return static_cast<RecordKind>(v_.index()); }
    bool is_message() const noexcept { return kind() == RecordKind::message; }
    bool is_blank() const noexcept { return kind() == RecordKind::blank; }
    bool is_error() const noexcept { return kind() == RecordKind::error; }

    /// Precondition is_message().
    const T& record() const& { return std::get<0>(v_); }
    T& record() & { return std::get<0>(v_); }
    T&& record() && { return std::get<0>(std::move(v_)); }
    /// Bytes covered: the record's TOTALSIZE, or the blank marker's TOTALSIZE (the rest of the
    /// file). Precondition !is_error().
    int32_t size() const {
        return is_message() ? std::get<0>(v_).store_size : std::get<1>(v_).total_size;
    }
    /// Precondition is_error().
    const common::Error& error() const { return std::get<2>(v_); }

  private:
    struct Blank {
        int32_t total_size;
    };
    explicit RecordResult(T record) : v_(std::in_place_index<0>, std::move(record)) {}
    explicit RecordResult(std::in_place_t) : v_(std::in_place_index<0>) {}
    explicit RecordResult(Blank blank) : v_(std::in_place_index<1>, blank) {}
    explicit RecordResult(common::Error error) : v_(std::in_place_index<2>, std::move(error)) {}

    std::variant<T, Blank, common::Error> v_;
};

/// Decodes the record at the start of `bytes` (more bytes may follow). Accepts magic v1 and v2;
/// checks every length against TOTALSIZE and TOTALSIZE against `bytes`. Never throws.
RecordResult<RecordView> decode_record_view(std::span<const char> bytes,
                                            const DecodeOptions& options = {});

/// Same, copying into an owning MessageExt with parsed properties. The body stays as stored;
/// see decompress_body() in compression.hpp.
RecordResult<MessageExt> decode_record(std::span<const char> bytes,
                                       const DecodeOptions& options = {});

/// Copies a view into a MessageExt (parses the properties string).
MessageExt to_message_ext(const RecordView& view);

/// Size the encoder will produce for this record, or an error if a field does not fit its
/// length prefix (topic > 127 bytes with magic v1, > 32767 with v2; properties > 32767; total
/// > INT32_MAX; magic neither v1 nor v2).
Result<std::size_t> encoded_record_size(const RecordView& record);

/// Writes the exact stored layout. TOTALSIZE is computed; every other field, BODYCRC included,
/// is written as given, except that sys_flag bits 0x10/0x20 are set from the host families so
/// the layout is always self-consistent. The topic length is 1 byte for v1, 2 bytes for v2.
Result<std::size_t> encode_record_to(const RecordView& record, std::span<char> out);
/// Appends the record to `out`; returns its size.
Result<std::size_t> encode_record(const RecordView& record, std::string& out);
/// Encodes a MessageExt, serializing its properties map (in insertion order).
Result<std::size_t> encode_record(const MessageExt& message, std::string& out);

/// Writes the 8-byte end-of-file marker for a file with `remaining` bytes left (≥ 8).
void encode_blank_marker(int32_t remaining, std::span<char, kBlankMarkerSize> out);

}  // namespace rmq::message
