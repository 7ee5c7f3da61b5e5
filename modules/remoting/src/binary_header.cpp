// The ROCKETMQ binary header (spec/remoting.md §4).
#include <limits>

#include "common/big_endian.hpp"
#include "common/byte_reader.hpp"
#include "remoting/header_codec.hpp"

namespace rmq::remoting {

namespace {

constexpr size_t kFixedSize = 2 + 1 + 2 + 4 + 4 + 4 + 4;

proto::ProtocolError malformed(std::string reason) {
    return {proto::to_int(proto::ResponseCode::SYSTEM_ERROR),
            "malformed ROCKETMQ header: " + std::move(reason)};
}

}  // namespace

void encode_binary_header(const RemotingCommand& cmd, std::string& out) {
    out.reserve(out.size() + kFixedSize + 64);
    append_be<int16_t>(out, static_cast<int16_t>(cmd.code));
    out.push_back(static_cast<char>(cmd.language));
    append_be<int16_t>(out, static_cast<int16_t>(cmd.version));
    append_be<int32_t>(out, cmd.opaque);
    append_be<int32_t>(out, cmd.flag);
    if (cmd.remark && !cmd.remark->empty()) {
        append_be<int32_t>(out, static_cast<int32_t>(cmd.remark->size()));
        out += *cmd.remark;
    } else {
        append_be<int32_t>(out, 0);
    }
    const size_t map_len_at = out.size();
    append_be<int32_t>(out, 0);
    if (cmd.ext_fields) {
        for (const auto& [key, value] : *cmd.ext_fields) {
            // Java skips null keys/values; a zero-length value would decode as null anyway.
            if (key.empty() || value.empty()) continue;
            append_be<int16_t>(out, static_cast<int16_t>(key.size()));
            out += key;
            append_be<int32_t>(out, static_cast<int32_t>(value.size()));
            out += value;
        }
    }
    store_be<int32_t>(out.data() + map_len_at, static_cast<int32_t>(out.size() - map_len_at - 4));
}

proto::Result<bool> decode_binary_header(std::string_view bytes, RemotingCommand& cmd) {
    ByteReader r(bytes);
    if (r.remaining() < kFixedSize) return malformed("shorter than the 21-byte fixed part");
    cmd.code = r.read<int16_t>();
    cmd.language = proto::language_from_ordinal(static_cast<uint8_t>(r.read<int8_t>()));
    cmd.version = r.read<int16_t>();
    cmd.opaque = r.read<int32_t>();
    cmd.flag = r.read<int32_t>();
    const int32_t remark_len = r.read<int32_t>();
    if (remark_len < 0 || static_cast<size_t>(remark_len) > r.remaining())
        return malformed("remark length " + std::to_string(remark_len) + " exceeds the header");
    if (remark_len > 0)
        cmd.remark.emplace(r.take(static_cast<size_t>(remark_len)));
    else
        cmd.remark.reset();
    if (r.remaining() < 4) return malformed("missing the ext-fields length");
    const int32_t map_len = r.read<int32_t>();
    if (map_len < 0 || static_cast<size_t>(map_len) > r.remaining())
        return malformed("ext-fields length " + std::to_string(map_len) + " exceeds the header");
    // An absent and an empty map are the same in this encoding; we surface it as {} so a
    // re-encode is identical.
    cmd.ext_fields.emplace();
    ByteReader map(r.take(static_cast<size_t>(map_len)));
    while (map.remaining() > 0) {
        if (map.remaining() < 2) return malformed("truncated ext-field key length");
        const int16_t key_len = map.read<int16_t>();
        if (key_len < 0 || static_cast<size_t>(key_len) > map.remaining())
            return malformed("ext-field key length " + std::to_string(key_len) + " out of range");
        std::string_view key = map.take(static_cast<size_t>(key_len));
        if (map.remaining() < 4) return malformed("truncated ext-field value length");
        const int32_t value_len = map.read<int32_t>();
        if (value_len < 0 || static_cast<size_t>(value_len) > map.remaining())
            return malformed("ext-field value length " + std::to_string(value_len)
                             + " out of range");
        std::string_view value = map.take(static_cast<size_t>(value_len));
        if (key.empty() || value.empty()) continue;  // zero length means null
        cmd.ext_fields->set(std::string(key), std::string(value));
    }
    // Java ignores bytes after the map; so do we.
    return true;
}

}  // namespace rmq::remoting
