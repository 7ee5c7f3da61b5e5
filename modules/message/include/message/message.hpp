#pragma once
// Message (what a producer sends) and MessageExt (a message as stored, with every record field).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "message/host_address.hpp"
#include "message/properties.hpp"

namespace rmq::message {

inline constexpr int32_t kMagicV1 = static_cast<int32_t>(0xDAA320A7);  // 4.x, 1-byte topic length
inline constexpr int32_t kMagicV2 = static_cast<int32_t>(0xDAA320AB);  // 5.x, 2-byte topic length
inline constexpr int32_t kMagicBlank = static_cast<int32_t>(0xCBD43194);  // end-of-file filler

struct Message {
    std::string topic;
    int32_t flag = 0;
    Properties properties;
    std::string body;

    std::string_view property(std::string_view key) const noexcept { return properties.get(key); }
    void set_property(std::string_view key, std::string_view value) { properties.set(key, value); }

    std::string_view tags() const noexcept;
    /// The raw KEYS value: business keys separated by single spaces.
    std::string_view keys() const noexcept;
    /// KEYS split on spaces, empty pieces dropped.
    std::vector<std::string_view> key_list() const;
    std::string_view uniq_key() const noexcept;

    void set_tags(std::string_view tags);
    void set_keys(std::string_view keys);
    void set_uniq_key(std::string_view key);
};

/// The fixed-size fields of a stored record (spec/message-format.md §1), shared by the owning
/// MessageExt and the non-owning RecordView. FLAG lives in Message / RecordView.
struct RecordMeta {
    int32_t store_size = 0;  // TOTALSIZE; recomputed by the encoder
    int32_t magic = kMagicV1;
    int32_t body_crc = 0;  // written as given: the encoder does not recompute it
    int32_t queue_id = 0;
    int64_t queue_offset = 0;
    int64_t commit_log_offset = 0;  // PHYSICALOFFSET
    int32_t sys_flag = 0;
    int64_t born_timestamp = 0;
    HostAddress born_host;
    int64_t store_timestamp = 0;
    HostAddress store_host;
    int32_t reconsume_times = 0;
    int64_t prepared_transaction_offset = 0;

    bool body_compressed() const noexcept;
    int32_t transaction_type() const noexcept;  // one of proto::msg_sys_flag::kTransaction*
    /// The offset message id of this record (STOREHOST + PHYSICALOFFSET, §7.1).
    std::string offset_msg_id() const;
};

struct MessageExt : Message, RecordMeta {
    /// Consume-queue tags code: Java String.hashCode of TAGS, 0 without TAGS.
    int64_t tags_code() const noexcept;
};

}  // namespace rmq::message
