#include "remoting/frame.hpp"

#include "common/big_endian.hpp"
#include "remoting/header_codec.hpp"

namespace rmq::remoting {

void encode_frame_prefix(const RemotingCommand& cmd, std::string& out) {
    const size_t start = out.size();
    out.append(8, '\0');
    if (cmd.serialize_type == SerializeType::ROCKETMQ)
        encode_binary_header(cmd, out);
    else
        encode_json_header(cmd, out);
    const size_t header_len = out.size() - start - 8;
    const size_t frame_len = 4 + header_len + cmd.body_size();
    store_be<int32_t>(out.data() + start, static_cast<int32_t>(frame_len));
    store_be<int32_t>(out.data() + start + 4,
                      static_cast<int32_t>((static_cast<uint32_t>(cmd.serialize_type) << 24)
                                           | (header_len & 0xFFFFFF)));
}

std::string encode_frame(const RemotingCommand& cmd) {
    std::string out;
    out.reserve(128 + cmd.body_size());
    encode_frame_prefix(cmd, out);
    out += cmd.body;
    for (const auto& view : cmd.body_views)
        out.append(view.data(), view.size());
    return out;
}

proto::Result<RemotingCommand> decode_frame(const FrameView& frame) {
    RemotingCommand cmd;
    cmd.serialize_type = frame.type;
    auto decoded = frame.type == SerializeType::ROCKETMQ ? decode_binary_header(frame.header, cmd)
                                                         : decode_json_header(frame.header, cmd);
    if (!decoded) return decoded.error();
    cmd.body.assign(frame.body);
    return cmd;
}

proto::Result<RemotingCommand> decode_frame_bytes(std::string_view bytes) {
    FrameParser parser(bytes.size() + 1);
    parser.append(bytes);
    FrameView view;
    const auto status = parser.next(view);
    if (status == FrameParser::Status::Error)
        return proto::ProtocolError{proto::to_int(proto::ResponseCode::SYSTEM_ERROR),
                                    parser.error()};
    if (status == FrameParser::Status::NeedMore)
        return proto::ProtocolError{proto::to_int(proto::ResponseCode::SYSTEM_ERROR),
                                    "incomplete frame"};
    if (parser.buffered() != 0)
        return proto::ProtocolError{proto::to_int(proto::ResponseCode::SYSTEM_ERROR),
                                    "trailing bytes after the frame"};
    return decode_frame(view);
}

}  // namespace rmq::remoting
