#include "message/message.hpp"

#include "message/java_hash.hpp"
#include "message/message_id.hpp"
#include "message/property_keys.hpp"
#include "proto/flags.hpp"

namespace rmq::message {

std::string_view Message::tags() const noexcept {
    return properties.get(prop::kTags);
}
std::string_view Message::keys() const noexcept {
    return properties.get(prop::kKeys);
}
std::string_view Message::uniq_key() const noexcept {
    return properties.get(prop::kUniqKey);
}

std::vector<std::string_view> Message::key_list() const {
    std::vector<std::string_view> out;
    std::string_view rest = keys();
    while (!rest.empty()) {
        const std::size_t sp = rest.find(' ');
        const std::string_view key = rest.substr(0, sp);
        if (!key.empty()) out.push_back(key);
        if (sp == std::string_view::npos) break;
        rest.remove_prefix(sp + 1);
    }
    return out;
}

void Message::set_tags(std::string_view tags) {
    properties.set(prop::kTags, tags);
}
void Message::set_keys(std::string_view keys) {
    properties.set(prop::kKeys, keys);
}
void Message::set_uniq_key(std::string_view key) {
    properties.set(prop::kUniqKey, key);
}

bool RecordMeta::body_compressed() const noexcept {
    return (sys_flag & proto::msg_sys_flag::kCompressed) != 0;
}

int32_t RecordMeta::transaction_type() const noexcept {
    return sys_flag & proto::msg_sys_flag::kTransactionMask;
}

std::string RecordMeta::offset_msg_id() const {
    return make_offset_msg_id(store_host, commit_log_offset);
}

int64_t MessageExt::tags_code() const noexcept {
    return tags_hash_code(tags());
}

}  // namespace rmq::message
