// A master's replication stream as a slave reads it, in arbitrary chunks: chunks must come out
// with exactly their declared size, or the stream is rejected.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "ha/ha_protocol.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < 1) return 0;
    const size_t step = 1 + data[0] % 97;
    std::string_view bytes(reinterpret_cast<const char*>(data + 1), size - 1);
    rmq::ha::TransferStreamParser parser(64 * 1024);
    rmq::ha::OffsetReportReader reports;
    for (size_t pos = 0; pos < bytes.size(); pos += step) {
        auto piece = bytes.substr(pos, step);
        parser.feed(piece);
        (void)reports.feed(piece);
        rmq::ha::TransferStreamParser::Chunk chunk;
        rmq::ha::TransferStreamParser::Status st;
        while ((st = parser.next(chunk)) == rmq::ha::TransferStreamParser::Status::Chunk) {
            if (static_cast<int32_t>(chunk.body.size()) != chunk.header.body_size) std::abort();
        }
        if (st == rmq::ha::TransferStreamParser::Status::Error) return 0;
    }
    return 0;
}
