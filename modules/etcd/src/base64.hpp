#pragma once
// Standard base64 (RFC 4648, with padding): the gateway's encoding of keys and values.
#include <optional>
#include <string>
#include <string_view>

namespace rmq::etcd {

std::string base64_encode(std::string_view bytes);
/// nullopt on a character outside the alphabet or a length that is not a multiple of 4.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace rmq::etcd
