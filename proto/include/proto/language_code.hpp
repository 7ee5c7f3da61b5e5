#pragma once
// LanguageCode (spec/remoting.md §6): JSON headers carry the name, binary headers the number.
#include <cstdint>
#include <optional>
#include <string_view>

namespace rmq::proto {

#define RMQ_LANGUAGE_CODES(X) \
    X(JAVA, 0)                \
    X(CPP, 1)                 \
    X(DOTNET, 2)              \
    X(PYTHON, 3)              \
    X(DELPHI, 4)              \
    X(ERLANG, 5)              \
    X(RUBY, 6)                \
    X(OTHER, 7)               \
    X(HTTP, 8)                \
    X(GO, 9)                  \
    X(PHP, 10)                \
    X(OMS, 11)                \
    X(RUST, 12)               \
    X(NODE_JS, 13)

enum class LanguageCode : uint8_t {
#define RMQ_X(name, value) name = value,
    RMQ_LANGUAGE_CODES(RMQ_X)
#undef RMQ_X
};

constexpr std::string_view language_name(LanguageCode code) {
    switch (code) {
#define RMQ_X(name, value)   \
    case LanguageCode::name: \
        return #name;
        RMQ_LANGUAGE_CODES(RMQ_X)
#undef RMQ_X
    }
    return "OTHER";
}

/// Unknown names map to OTHER, as the remoting spec asks decoders to be lenient.
constexpr LanguageCode language_from_name(std::string_view name) {
#define RMQ_X(n, value) \
    if (name == #n) return LanguageCode::n;
    RMQ_LANGUAGE_CODES(RMQ_X)
#undef RMQ_X
    return LanguageCode::OTHER;
}

/// fastjson maps an integer to the enum ordinal; out-of-range ordinals become OTHER.
constexpr LanguageCode language_from_ordinal(int64_t ordinal) {
    return ordinal >= 0 && ordinal <= 13 ? static_cast<LanguageCode>(ordinal) : LanguageCode::OTHER;
}

}  // namespace rmq::proto
