#pragma once
// A decoded command must survive encode -> decode unchanged; any difference is a codec bug.
#include <cstdlib>

#include "remoting/frame.hpp"

namespace rmq::fuzz {

inline void check_round_trip(const remoting::RemotingCommand& cmd) {
    auto again = remoting::decode_frame_bytes(remoting::encode_frame(cmd));
    if (!again.ok()) std::abort();
    const auto& b = *again;
    // The binary form cannot carry empty values or codes/versions beyond 16 bits, so compare
    // what the serialization can express.
    if (cmd.serialize_type == remoting::SerializeType::JSON) {
        if (b.code != cmd.code || b.version != cmd.version || b.remark != cmd.remark
            || b.ext_fields != cmd.ext_fields)
            std::abort();
    }
    if (b.opaque != cmd.opaque || b.flag != cmd.flag || b.body != cmd.body
        || b.language != cmd.language)
        std::abort();
}

}  // namespace rmq::fuzz
