// Any bytes: parse must not crash, and what we write from a parsed document must parse again
// and write back identically, in both formats (the writer's output is in the parser's dialect).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "json/parse.hpp"
#include "json/write.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace rmq::json;
    auto doc = parse(std::string_view(reinterpret_cast<const char*>(data), size));
    if (!doc.ok()) {
        if (doc.error().offset > size) std::abort();
        return 0;
    }
    for (Format format : {Format::compact, Format::pretty}) {
        const std::string text = write(*doc, format);
        auto again = parse(text);
        if (!again.ok() || write(*again, format) != text) std::abort();
    }
    return 0;
}
