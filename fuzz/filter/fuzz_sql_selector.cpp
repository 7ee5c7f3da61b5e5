// Any bytes: the first line is a selector, the rest a raw properties string. Compiling must end
// in an expression or an error that points into the input, within the stack; evaluating must
// give one answer, the same every time.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "filter/sql_expression.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace rmq::filter::sql;
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const auto newline = input.find('\n');
    const auto text = input.substr(0, newline);
    const auto properties =
        newline == std::string_view::npos ? std::string_view{} : input.substr(newline + 1);

    auto compiled = compile(text);
    if (!compiled) {
        if (compiled.error().position > text.size() || compiled.error().message.empty())
            std::abort();
        return 0;
    }
    const RawProperties source(properties);
    const Truth first = compiled->evaluate(source);
    if (compiled->evaluate(source) != first) std::abort();
    return 0;
}
