// Properties parsing: parse → encode → parse must be stable, and the parser must agree with a
// direct transcription of Java's rules into a std::map.
#include <cstdint>
#include <cstdlib>
#include <map>
#include <string>
#include <string_view>

#include "message/properties.hpp"

using namespace rmq::message;

namespace {

std::map<std::string, std::string> reference_parse(std::string_view s) {
    std::map<std::string, std::string> m;
    std::size_t index = 0;
    while (index < s.size()) {
        std::size_t next = s.find('\x02', index);
        if (next == std::string_view::npos) next = s.size();
        if (next - index >= 3) {
            const std::size_t kv = s.find('\x01', index);
            if (kv != std::string_view::npos && kv > index && kv < next - 1) {
                m[std::string(s.substr(index, kv - index))] =
                    std::string(s.substr(kv + 1, next - kv - 1));
            }
        }
        index = next + 1;
    }
    return m;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view raw(reinterpret_cast<const char*>(data), size);
    const Properties first = parse_properties(raw);

    std::map<std::string, std::string> as_map(first.begin(), first.end());
    if (as_map.size() != first.size()) std::abort();  // no duplicate keys survive parsing
    if (as_map != reference_parse(raw)) std::abort();

    const std::string encoded = encode_properties(first);
    if (encoded.size() != encoded_properties_size(first)) std::abort();
    const Properties second = parse_properties(encoded);
    if (!(second == first)) std::abort();
    if (encode_properties(second) != encoded) std::abort();
    for (const auto& [k, v] : first) {
        if (first.get(k) != v) std::abort();
    }
    return 0;
}
