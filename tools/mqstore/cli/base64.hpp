#pragma once
// Standard base64 (RFC 4648, with padding): how the golden manifest and `print --json` carry
// message bodies.
#include <string>
#include <string_view>

namespace rmq::mqstore {

std::string base64_encode(std::string_view bytes);

}  // namespace rmq::mqstore
