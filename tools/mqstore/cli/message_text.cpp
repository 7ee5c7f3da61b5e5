#include "cli/message_text.hpp"

#include "cli/base64.hpp"
#include "cli/text_format.hpp"
#include "message/compression.hpp"
#include "message/property_keys.hpp"

namespace rmq::mqstore {

namespace {

constexpr size_t kLabelWidth = 27;

void line(std::string& out, std::string_view label, std::string_view value) {
    out += "  ";
    out += label;
    out.append(label.size() < kLabelWidth ? kLabelWidth - label.size() : 1, ' ');
    out += value;
    out += '\n';
}

/// Continuation lines of a multi-line value line up under its first line.
std::string indent_continuations(std::string_view text) {
    std::string out;
    for (char c : text) {
        out += c;
        if (c == '\n') out.append(2 + kLabelWidth, ' ');
    }
    return out;
}

void body_lines(std::string& out, const message::RecordView& r) {
    std::string body(r.body);
    std::string label = "body";
    if (r.body_compressed()) {
        auto inflated = message::decompress_body(r.body, r.sys_flag);
        if (!inflated) {
            line(out, "body", "(cannot inflate: " + inflated.error().message + ")");
            return;
        }
        body = std::move(*inflated);
        label = "body (inflated, " + std::to_string(body.size()) + " bytes)";
    }
    if (is_printable_text(body)) {
        line(out, label, indent_continuations(body));
    } else {
        line(out, label + " base64", base64_encode(body));
    }
}

}  // namespace

std::string message_text_block(const QueuedMessage& m, bool with_body) {
    namespace keys = message::prop;
    const message::RecordView& r = m.record;
    std::string out = "--- " + display_text(m.cq_topic) + "/" + std::to_string(m.cq_queue_id)
                      + " queueOffset " + std::to_string(m.cq_offset) + " ---\n";
    line(out, "commitLogOffset", std::to_string(r.commit_log_offset));
    line(out, "storeSize", std::to_string(r.store_size));
    line(out, "offsetMsgId", r.offset_msg_id());
    if (r.topic != m.cq_topic || r.queue_id != m.cq_queue_id || r.queue_offset != m.cq_offset) {
        line(out, "record says",
             display_text(r.topic) + "/" + std::to_string(r.queue_id) + " queueOffset "
                 + std::to_string(r.queue_offset));
    }
    for (auto [label, key] : {std::pair{"uniqKey", keys::kUniqKey}, std::pair{"tags", keys::kTags},
                              std::pair{"keys", keys::kKeys}}) {
        const auto value = message::find_property(r.properties, key);
        if (!value.empty()) line(out, label, display_text(value));
    }
    line(out, "cqTagsCode", std::to_string(m.cq_tags_code));
    const auto props = sorted_properties(r.properties);
    if (props.empty()) line(out, "properties", "(none)");
    for (size_t i = 0; i < props.size(); ++i) {
        line(out, i == 0 ? "properties" : "",
             display_text(props[i].first) + "=" + display_text(props[i].second));
    }
    line(out, "bornTimestamp",
         std::to_string(r.born_timestamp) + "  " + format_time(r.born_timestamp));
    line(out, "bornHost", r.born_host.to_string());
    line(out, "storeTimestamp",
         std::to_string(r.store_timestamp) + "  " + format_time(r.store_timestamp));
    line(out, "storeHost", r.store_host.to_string());
    line(out, "sysFlag", describe_sys_flag(r.sys_flag));
    line(out, "flag", std::to_string(r.flag));
    line(out, "reconsumeTimes", std::to_string(r.reconsume_times));
    line(out, "preparedTransactionOffset", std::to_string(r.prepared_transaction_offset));
    line(out, "bodyCRC", std::to_string(r.body_crc));
    line(out, "bodyLength", std::to_string(r.body.size()));
    if (with_body) body_lines(out, r);
    return out;
}

}  // namespace rmq::mqstore
