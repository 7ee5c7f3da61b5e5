#include "inspector/tags_code.hpp"

#include <charconv>

#include "message/java_hash.hpp"
#include "message/properties.hpp"
#include "message/property_keys.hpp"

namespace rmq::mqstore {

int64_t expected_tags_code(const message::RecordView& record, const store::DelayLevels& levels) {
    namespace keys = message::prop;
    if (record.topic == store::kScheduleTopic) {
        const auto delay = message::find_property(record.properties, keys::kDelay);
        int32_t level = 0;
        auto [p, ec] = std::from_chars(delay.data(), delay.data() + delay.size(), level);
        if (ec == std::errc() && p == delay.data() + delay.size() && level > 0)
            return levels.deliver_time(level, record.store_timestamp);
    }
    return message::tags_hash_code(message::find_property(record.properties, keys::kTags));
}

}  // namespace rmq::mqstore
