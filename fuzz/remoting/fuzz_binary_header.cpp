// ROCKETMQ binary header bytes: lengths inside the header may lie about everything.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "remoting/header_codec.hpp"
#include "round_trip.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    rmq::remoting::RemotingCommand cmd;
    cmd.serialize_type = rmq::remoting::SerializeType::ROCKETMQ;
    std::string_view bytes(reinterpret_cast<const char*>(data), size);
    if (rmq::remoting::decode_binary_header(bytes, cmd).ok()) rmq::fuzz::check_round_trip(cmd);
    return 0;
}
