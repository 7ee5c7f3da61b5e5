// decode_records over arbitrary bytes. Every record that decodes must re-encode to exactly the
// bytes it came from, and the derived values (ids, tags code, inflated body) must not crash.
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <span>
#include <string>

#include "message/compression.hpp"
#include "message/record.hpp"
#include "message/record_reader.hpp"

using namespace rmq::message;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::span<const char> input(reinterpret_cast<const char*>(data), size);

    RecordReader reader(input);
    std::size_t pos = 0;
    while (auto view = reader.next()) {
        std::string out;
        auto written = encode_record(*view, out);
        if (!written.ok()) std::abort();
        if (out.size() != static_cast<std::size_t>(view->store_size)) std::abort();
        if (pos + out.size() > size || std::memcmp(out.data(), data + pos, out.size()) != 0) {
            std::abort();
        }
        pos += out.size();

        const MessageExt owned = to_message_ext(*view);
        std::string via_map;
        if (!encode_record(owned, via_map).ok()) std::abort();
        (void)owned.offset_msg_id();
        (void)owned.tags_code();
        // A small bound keeps the fuzzer fast; the bound itself is what is being tested.
        (void)decompress_body(view->body, view->sys_flag, 1 << 16);
    }
    if (reader.consumed() != pos) std::abort();
    if (!reader.error() && pos != size) std::abort();

    // The single-record entry points, with CRC verification, must agree with the reader.
    auto single = decode_record(input, DecodeOptions{.verify_body_crc = true});
    if (single.is_message() && pos == 0) std::abort();
    return 0;
}
