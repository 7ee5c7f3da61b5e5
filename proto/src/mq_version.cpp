#include "proto/mq_version.hpp"

namespace rmq::proto {

std::string version_desc(int32_t ordinal) {
    // MQVersion.Version: sixteen 3.0.0 pre-releases, then a SNAPSHOT and a release for each
    // patch version: 3.0.1–3.0.15, 3.1.0–3.2.9, 3.3.1–3.9.9 (no x.y.0 there), 4.0.0–5.9.9,
    // and HIGHER_VERSION last.
    static constexpr const char* kPre[] = {
        "V3_0_0_SNAPSHOT", "V3_0_0_ALPHA1",         "V3_0_0_BETA1", "V3_0_0_BETA2",
        "V3_0_0_BETA3",    "V3_0_0_BETA4",          "V3_0_0_BETA5", "V3_0_0_BETA6_SNAPSHOT",
        "V3_0_0_BETA6",    "V3_0_0_BETA7_SNAPSHOT", "V3_0_0_BETA7", "V3_0_0_BETA8_SNAPSHOT",
        "V3_0_0_BETA8",    "V3_0_0_BETA9_SNAPSHOT", "V3_0_0_BETA9", "V3_0_0_FINAL"};
    constexpr int32_t kPreCount = 16;
    if (ordinal < 0) ordinal = 0;
    if (ordinal < kPreCount) return kPre[ordinal];
    int32_t index = ordinal - kPreCount;
    for (int major = 3; major <= 5; ++major) {
        for (int minor = 0; minor <= 9; ++minor) {
            int first = (major == 3 && minor >= 3) ? 1 : 0;
            int last = (major == 3 && minor == 0) ? 15 : 9;
            if (major == 3 && minor == 0) first = 1;
            const int32_t count = 2 * (last - first + 1);
            if (index < count) {
                const int patch = first + index / 2;
                std::string name = "V" + std::to_string(major) + "_" + std::to_string(minor) + "_"
                                   + std::to_string(patch);
                if (index % 2 == 0) name += "_SNAPSHOT";
                return name;
            }
            index -= count;
        }
    }
    return "HIGHER_VERSION";
}

}  // namespace rmq::proto
