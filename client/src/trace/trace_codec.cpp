// 4.9.8's trace record layout (TraceDataEncoder), both ways.
#include <charconv>

#include "rocketmq/trace.hpp"

namespace rocketmq {

namespace {

constexpr char kContentSeparator = '\x01';
constexpr char kFieldSeparator = '\x02';
constexpr std::string_view kJavaNull = "null";

class RecordWriter {
  public:
    explicit RecordWriter(std::string& out) : out_(out) {}
    RecordWriter& field(std::string_view value) {
        out_.append(value).push_back(kContentSeparator);
        return *this;
    }
    RecordWriter& nullable(std::string_view value) {
        return field(value.empty() ? kJavaNull : value);
    }
    RecordWriter& number(int64_t value) { return field(std::to_string(value)); }
    RecordWriter& flag(bool value) { return field(value ? "true" : "false"); }
    /// The record ends with \x02 where its last field would end with \x01.
    void end() { out_.back() = kFieldSeparator; }

  private:
    std::string& out_;
};

std::vector<std::string_view> split(std::string_view text, char separator) {
    std::vector<std::string_view> parts;
    size_t start = 0;
    for (size_t i = 0; i <= text.size(); ++i) {
        if (i == text.size() || text[i] == separator) {
            parts.push_back(text.substr(start, i - start));
            start = i + 1;
        }
    }
    // Java's String.split drops trailing empty strings, and its field counts rely on that.
    while (!parts.empty() && parts.back().empty())
        parts.pop_back();
    return parts;
}

template <class Int>
bool parse_int(std::string_view text, Int& out) {
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc() && end == text.data() + text.size();
}

/// Boolean.parseBoolean: "true" in any case, anything else false.
bool parse_bool(std::string_view text) {
    if (text.size() != 4) return false;
    const char* t = "true";
    for (size_t i = 0; i < 4; ++i)
        if ((text[i] | 0x20) != t[i]) return false;
    return true;
}

std::string from_nullable(std::string_view value) {
    return value == kJavaNull ? std::string() : std::string(value);
}

bool parse_msg_type(std::string_view text, TraceMessageType& out) {
    int ordinal = -1;
    if (!parse_int(text, ordinal) || ordinal < 0 || ordinal > 3) return false;
    out = static_cast<TraceMessageType>(ordinal);
    return true;
}

/// Fields 1-8 of Pub and EndTransaction: time, region, group, topic, msg id, tags, keys, store
/// host.
bool decode_sent_message(const std::vector<std::string_view>& f, TraceRecord& r) {
    r.region_id = from_nullable(f[2]);
    r.group = f[3];
    r.topic = f[4];
    r.msg_id = f[5];
    r.tags = from_nullable(f[6]);
    r.keys = from_nullable(f[7]);
    r.store_host = f[8];
    return parse_int(f[1], r.timestamp);
}

bool decode_pub(const std::vector<std::string_view>& f, TraceRecord& r) {
    if (f.size() < 13 || !decode_sent_message(f, r)) return false;
    if (!parse_int(f[9], r.body_length) || !parse_int(f[10], r.cost_time)
        || !parse_msg_type(f[11], r.msg_type))
        return false;
    if (f.size() == 13) {
        r.success = parse_bool(f[12]);
        return true;
    }
    r.offset_msg_id = f[12];
    r.success = parse_bool(f[13]);
    if (f.size() >= 15) r.client_host = f[14];
    return true;
}

bool decode_sub_before(const std::vector<std::string_view>& f, TraceRecord& r) {
    if (f.size() < 8) return false;
    r.region_id = from_nullable(f[2]);
    r.group = f[3];
    r.request_id = f[4];
    r.msg_id = f[5];
    r.keys = from_nullable(f[7]);
    return parse_int(f[1], r.timestamp) && parse_int(f[6], r.retry_times);
}

bool decode_sub_after(const std::vector<std::string_view>& f, TraceRecord& r) {
    if (f.size() < 6) return false;
    r.request_id = f[1];
    r.msg_id = f[2];
    r.success = parse_bool(f[4]);
    r.keys = from_nullable(f[5]);
    if (!parse_int(f[3], r.cost_time)) return false;
    if (f.size() >= 7 && !parse_int(f[6], r.context_code)) return false;
    if (f.size() >= 9) {
        r.group = f[8];
        if (!parse_int(f[7], r.timestamp)) return false;
    }
    return true;
}

bool decode_end_transaction(const std::vector<std::string_view>& f, TraceRecord& r) {
    if (f.size() < 13 || !decode_sent_message(f, r)) return false;
    r.transaction_id = f[10];
    r.transaction_state = f[11];
    r.from_transaction_check = parse_bool(f[12]);
    return parse_msg_type(f[9], r.msg_type);
}

}  // namespace

const char* to_string(TraceType type) noexcept {
    switch (type) {
        case TraceType::pub:
            return "Pub";
        case TraceType::sub_before:
            return "SubBefore";
        case TraceType::sub_after:
            return "SubAfter";
        case TraceType::end_transaction:
            return "EndTransaction";
    }
    return "?";
}

std::string encode_trace_record(const TraceRecord& r) {
    std::string out;
    out.reserve(256);
    RecordWriter w(out);
    w.field(to_string(r.type));
    switch (r.type) {
        case TraceType::pub:
            w.number(r.timestamp).nullable(r.region_id).field(r.group).field(r.topic);
            w.field(r.msg_id).nullable(r.tags).nullable(r.keys).field(r.store_host);
            w.number(r.body_length).number(r.cost_time).number(static_cast<int>(r.msg_type));
            w.field(r.offset_msg_id).flag(r.success);
            break;
        case TraceType::sub_before:
            w.number(r.timestamp).nullable(r.region_id).field(r.group).field(r.request_id);
            w.field(r.msg_id).number(r.retry_times).nullable(r.keys);
            break;
        case TraceType::sub_after:
            w.field(r.request_id).field(r.msg_id).number(r.cost_time).flag(r.success);
            w.nullable(r.keys).number(r.context_code).number(r.timestamp).field(r.group);
            break;
        case TraceType::end_transaction:
            w.number(r.timestamp).nullable(r.region_id).field(r.group).field(r.topic);
            w.field(r.msg_id).nullable(r.tags).nullable(r.keys).field(r.store_host);
            w.number(static_cast<int>(r.msg_type)).field(r.transaction_id);
            w.field(r.transaction_state).flag(r.from_transaction_check);
            break;
    }
    w.end();
    return out;
}

std::vector<TraceRecord> decode_trace_data(std::string_view body) {
    std::vector<TraceRecord> records;
    for (auto text : split(body, kFieldSeparator)) {
        const auto fields = split(text, kContentSeparator);
        if (fields.empty()) continue;
        TraceRecord r;
        bool ok = false;
        if (fields[0] == "Pub") {
            r.type = TraceType::pub;
            ok = decode_pub(fields, r);
        } else if (fields[0] == "SubBefore") {
            r.type = TraceType::sub_before;
            ok = decode_sub_before(fields, r);
        } else if (fields[0] == "SubAfter") {
            r.type = TraceType::sub_after;
            ok = decode_sub_after(fields, r);
        } else if (fields[0] == "EndTransaction") {
            r.type = TraceType::end_transaction;
            ok = decode_end_transaction(fields, r);
        }
        if (ok) records.push_back(std::move(r));
    }
    return records;
}

void add_trace_keys(const TraceRecord& record, std::vector<std::string>& keys) {
    keys.push_back(record.msg_id);
    for (auto key : split(record.keys, ' '))
        if (!key.empty()) keys.emplace_back(key);
}

}  // namespace rocketmq
