#include "store/delay_levels.hpp"

#include <algorithm>
#include <charconv>

namespace rmq::store {

std::optional<DelayLevels> DelayLevels::parse(std::string_view text) {
    DelayLevels levels;
    size_t pos = 0;
    while (pos < text.size()) {
        if (text[pos] == ' ') {
            ++pos;
            continue;
        }
        size_t end = text.find(' ', pos);
        if (end == std::string_view::npos) end = text.size();
        const std::string_view item = text.substr(pos, end - pos);
        pos = end;
        if (item.size() < 2) return std::nullopt;
        int64_t unit = 0;
        switch (item.back()) {
            case 's':
                unit = 1000;
                break;
            case 'm':
                unit = 60 * 1000;
                break;
            case 'h':
                unit = 60 * 60 * 1000;
                break;
            case 'd':
                unit = 24 * 60 * 60 * 1000;
                break;
            default:
                return std::nullopt;
        }
        int64_t value = 0;
        const auto digits = item.substr(0, item.size() - 1);
        auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
        if (ec != std::errc() || p != digits.data() + digits.size() || value < 0)
            return std::nullopt;
        levels.delays_ms_.push_back(value * unit);
    }
    if (levels.delays_ms_.empty()) return std::nullopt;
    return levels;
}

int64_t DelayLevels::delay_ms(int32_t level) const {
    level = std::clamp(level, 1, max_level());
    return delays_ms_[static_cast<size_t>(level - 1)];
}

}  // namespace rmq::store
