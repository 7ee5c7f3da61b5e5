// JSON header text from any client (or attacker): decode must not crash, and a decoded header
// re-encodes to something that decodes to the same command.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "remoting/header_codec.hpp"
#include "round_trip.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    rmq::remoting::RemotingCommand cmd;
    std::string_view text(reinterpret_cast<const char*>(data), size);
    if (rmq::remoting::decode_json_header(text, cmd).ok()) rmq::fuzz::check_round_trip(cmd);
    return 0;
}
