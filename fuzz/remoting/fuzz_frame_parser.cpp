// Arbitrary bytes arrive on a connection in arbitrary chunks: the parser must split them into
// frames or report an error, never crash, and every decoded frame must round-trip.
#include <cstddef>
#include <cstdint>
#include <cstring>

#include "remoting/frame.hpp"
#include "round_trip.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < 1) return 0;
    // The first byte picks the read size, so splits are explored too.
    const size_t chunk = 1 + data[0] % 64;
    ++data;
    --size;
    rmq::remoting::FrameParser parser(64 * 1024);
    size_t pos = 0;
    while (pos < size) {
        const size_t n = std::min(chunk, size - pos);
        auto span = parser.prepare(n);
        std::memcpy(span.data(), data + pos, n);
        parser.commit(n);
        pos += n;
        rmq::remoting::FrameView view;
        rmq::remoting::FrameParser::Status st;
        while ((st = parser.next(view)) == rmq::remoting::FrameParser::Status::Frame) {
            auto cmd = rmq::remoting::decode_frame(view);
            if (cmd.ok()) rmq::fuzz::check_round_trip(*cmd);
        }
        if (st == rmq::remoting::FrameParser::Status::Error) return 0;
    }
    return 0;
}
