#include "cli/message_json.hpp"

#include "cli/base64.hpp"
#include "cli/json_writer.hpp"
#include "message/compression.hpp"
#include "message/property_keys.hpp"

namespace rmq::mqstore {

std::string message_json_line(const QueuedMessage& m) {
    namespace keys = message::prop;
    const message::RecordView& r = m.record;
    std::string out;
    JsonWriter json(out);
    json.begin_object()
        .field("topic", r.topic)
        .field("queueId", r.queue_id)
        .field("queueOffset", r.queue_offset)
        .field("commitLogOffset", r.commit_log_offset)
        .field("storeSize", r.store_size)
        .field("offsetMsgId", r.offset_msg_id());
    // Absent properties are left out, as the manifest (Java nulls) does.
    for (auto [name, key] : {std::pair{"uniqKey", keys::kUniqKey}, std::pair{"tags", keys::kTags},
                             std::pair{"keys", keys::kKeys}}) {
        const auto value = message::find_property(r.properties, key);
        if (!value.empty()) json.field(name, value);
    }
    json.key("properties").begin_object();
    for (const auto& [name, value] : sorted_properties(r.properties))
        json.field(name, value);
    json.end_object()
        .field("propertiesRaw", r.properties)
        .field("sysFlag", r.sys_flag)
        .field("flag", r.flag)
        .field("bodyCRC", r.body_crc)
        .field("bodyLength", static_cast<int64_t>(r.body.size()))
        .field("body", base64_encode(r.body));
    if (r.body_compressed()) {
        if (auto inflated = message::decompress_body(r.body, r.sys_flag))
            json.field("bodyDecompressed", base64_encode(*inflated));
    }
    json.field("bornTimestamp", r.born_timestamp)
        .field("bornHost", r.born_host.to_string())
        .field("storeTimestamp", r.store_timestamp)
        .field("storeHost", r.store_host.to_string())
        .field("reconsumeTimes", r.reconsume_times)
        .field("preparedTransactionOffset", r.prepared_transaction_offset)
        .field("cqTopic", m.cq_topic)
        .field("cqQueueId", m.cq_queue_id)
        .field("cqOffset", m.cq_offset)
        .field("cqTagsCode", m.cq_tags_code)
        .end_object();
    return out;
}

}  // namespace rmq::mqstore
