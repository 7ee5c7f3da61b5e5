#pragma once
// The two header serializations of spec/remoting.md: JSON (§3, what Java emits byte for byte)
// and the binary ROCKETMQ form (§4). Decoders never throw: malformed input is a ProtocolError.
#include <string>
#include <string_view>

#include "proto/protocol_error.hpp"
#include "remoting/command.hpp"

namespace rmq::remoting {

/// Appends the header as fastjson writes it: properties in alphabetical order, nulls omitted,
/// extFields in map order, control characters as \u00XX, non-ASCII raw.
void encode_json_header(const RemotingCommand& cmd, std::string& out);
/// Fills everything except body and serialize_type. Accepts every client variant of §3.3.
proto::Result<bool> decode_json_header(std::string_view json, RemotingCommand& cmd);

void encode_binary_header(const RemotingCommand& cmd, std::string& out);
proto::Result<bool> decode_binary_header(std::string_view bytes, RemotingCommand& cmd);

}  // namespace rmq::remoting
