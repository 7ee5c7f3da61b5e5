// Typed header decoding: a frame's extFields decoded as the schema of its request code (and of
// the response to it). Values are hostile text; decoding returns a value or a ProtocolError, and
// a decoded header must encode back to fields that decode to the same header.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "proto/schema_registry.hpp"
#include "remoting/frame.hpp"

namespace {
template <class H>
void check(const rmq::remoting::RemotingCommand& cmd) {
    auto h = cmd.decode_header<H>();
    if (!h.ok()) {
        if (h.error().remark.empty()) std::abort();
        return;
    }
    auto again = rmq::proto::decode_header<H>(rmq::proto::encode_header(*h));
    if (!again.ok() || !(*again == *h)) std::abort();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    auto cmd = rmq::remoting::decode_frame_bytes(
        std::string_view(reinterpret_cast<const char*>(data), size));
    if (!cmd.ok()) return 0;
    rmq::proto::with_request_schema(cmd->code,
                                    [&](auto tag) { check<typename decltype(tag)::type>(*cmd); });
    rmq::proto::with_response_schema(cmd->code,
                                     [&](auto tag) { check<typename decltype(tag)::type>(*cmd); });
    return 0;
}
