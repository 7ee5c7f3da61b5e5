#pragma once
// RocketMQ's list settings ("host:port;host:port", deleteWhen "04;16", paths) are separated by
// one character; empty pieces mean nothing.
#include <string_view>
#include <vector>

namespace rmq::common {

/// The non-empty pieces of `text` between `separator`s, as views into it.
inline std::vector<std::string_view> split_nonempty(std::string_view text, char separator) {
    std::vector<std::string_view> out;
    size_t pos = 0;
    while (pos <= text.size()) {
        size_t end = text.find(separator, pos);
        if (end == std::string_view::npos) end = text.size();
        if (end > pos) out.push_back(text.substr(pos, end - pos));
        pos = end + 1;
    }
    return out;
}

}  // namespace rmq::common
