#include <cstring>

#include "common/big_endian.hpp"
#include "hex.hpp"
#include "message/message_id.hpp"

namespace rmq::message {

std::string make_offset_msg_id(const HostAddress& store_host, int64_t commit_log_offset) {
    uint8_t buf[16 + 4 + 8];
    const std::size_t ip_len = store_host.ip.size();
    std::memcpy(buf, store_host.ip.data(), ip_len);
    store_be(buf + ip_len, static_cast<int32_t>(store_host.port));
    store_be(buf + ip_len + 4, commit_log_offset);
    std::string out;
    out.reserve(2 * (ip_len + 12));
    detail::append_hex_upper(out, buf, ip_len + 12);
    return out;
}

Result<OffsetMsgId> parse_offset_msg_id(std::string_view id) {
    std::size_t ip_len = 0;
    if (id.size() == 32) {
        ip_len = 4;
    } else if (id.size() == 56) {
        ip_len = 16;
    } else {
        return make_error(errc::bad_id, "offset msgId of " + std::to_string(id.size())
                                            + " chars, expected 32 or 56");
    }
    uint8_t buf[16 + 4 + 8];
    if (!detail::parse_hex(id, buf, ip_len + 12)) {
        return make_error(errc::bad_id, "offset msgId is not hex: " + std::string(id));
    }
    const int32_t port = load_be<int32_t>(buf + ip_len);
    if (port < 0 || port > 65535) {
        return make_error(errc::bad_host, "offset msgId port " + std::to_string(port));
    }
    OffsetMsgId out;
    out.store_host.ip = *IpAddress::from_bytes({buf, ip_len});
    out.store_host.port = static_cast<uint16_t>(port);
    out.commit_log_offset = load_be<int64_t>(buf + ip_len + 4);
    return out;
}

}  // namespace rmq::message
