// Any bytes: parse must not crash, errors must point into the input, and what we write from a
// parsed document must parse back to the same document in both formats, except for the null
// members the writer leaves out as fastjson does.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "json/parse.hpp"
#include "json/write.hpp"

namespace {

rmq::json::Value without_null_members(const rmq::json::Value& v) {
    using namespace rmq::json;
    if (const Object* members = v.if_object()) {
        Value out = Value::object();
        for (const Member& m : *members)
            if (!m.value.is_null()) out.set(m.key, without_null_members(m.value), m.key_style);
        return out;
    }
    if (const Array* elements = v.if_array()) {
        Value out = Value::array();
        for (const Value& e : *elements)
            out.push_back(without_null_members(e));
        return out;
    }
    return v;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace rmq::json;
    auto doc = parse(std::string_view(reinterpret_cast<const char*>(data), size));
    if (!doc.ok()) {
        // A refusal is one of the parser's own codes and says where it stopped.
        if (doc.error().code.category() != rmq::common::category_of<errc>()) std::abort();
        if (doc.error().message.find(" at byte ") == std::string::npos) std::abort();
        return 0;
    }
    const Value expected = without_null_members(*doc);
    for (Format format : {Format::compact, Format::pretty}) {
        auto again = parse(write(*doc, format));
        if (!again.ok() || !(*again == expected)) std::abort();
    }
    return 0;
}
