// SEND_BATCH_MESSAGE body decoding. Decoded entries must re-encode to a body of the same size
// that decodes to the same entries (MAGICCODE and BODYCRC are ignored, so bytes may differ).
#include <cstdint>
#include <cstdlib>
#include <span>
#include <string>

#include "message/batch.hpp"

using namespace rmq::message;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::span<const char> input(reinterpret_cast<const char*>(data), size);
    auto views = decode_batch_view(input);
    auto owned = decode_batch(input);
    if (views.ok() != owned.ok()) std::abort();
    if (!views.ok()) {
        if (views.error().message.empty()) std::abort();
        return 0;
    }
    if (views->size() != owned->size()) std::abort();

    std::string again;
    for (const auto& e : *views) {
        if (!encode_batch_entry(e.flag, e.body, e.properties, again).ok()) std::abort();
    }
    if (again.size() != size) std::abort();
    auto reparsed = decode_batch_view(again);
    if (!reparsed.ok() || reparsed->size() != views->size()) std::abort();
    for (std::size_t i = 0; i < views->size(); ++i) {
        const auto& a = (*views)[i];
        const auto& b = (*reparsed)[i];
        if (a.flag != b.flag || a.body != b.body || a.properties != b.properties) std::abort();
        if ((*owned)[i].body != a.body || (*owned)[i].flag != a.flag) std::abort();
    }
    return 0;
}
