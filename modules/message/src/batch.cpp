#include "message/batch.hpp"

#include <climits>

#include "common/big_endian.hpp"

namespace rmq::message {

namespace {

template <class T>
std::string num(T v) {
    return std::to_string(v);
}

common::Error entry_error(errc code, std::size_t index, std::size_t offset,
                          const std::string& what) {
    return make_error(code,
                      "batch entry " + num(index) + " at offset " + num(offset) + ": " + what);
}

}  // namespace

Result<std::vector<BatchEntryView>> decode_batch_view(std::span<const char> body) {
    std::vector<BatchEntryView> entries;
    const char* base = body.data();
    const std::size_t size = body.size();
    std::size_t pos = 0;
    while (pos < size) {
        const std::size_t index = entries.size();
        const std::size_t left = size - pos;
        if (left < 20) {
            return entry_error(errc::truncated, index, pos,
                               "needs 20 header bytes, " + num(left) + " left");
        }
        const char* p = base + pos;
        const int32_t total = load_be<int32_t>(p);
        const int32_t flag = load_be<int32_t>(p + 12);
        const int32_t body_len = load_be<int32_t>(p + 16);
        if (body_len < 0) {
            return entry_error(errc::negative_length, index, pos, "BODYLENGTH " + num(body_len));
        }
        if (left - 20 < static_cast<std::size_t>(body_len) + 2) {
            return entry_error(errc::truncated, index, pos,
                               "BODYLENGTH " + num(body_len) + " with " + num(left) + " left");
        }
        const std::size_t props_at = 20 + static_cast<std::size_t>(body_len);
        const int16_t props_len = load_be<int16_t>(p + props_at);
        if (props_len < 0) {
            return entry_error(errc::negative_length, index, pos,
                               "PROPERTIESLENGTH " + num(props_len));
        }
        const std::size_t entry_len = props_at + 2 + static_cast<std::size_t>(props_len);
        if (entry_len > left) {
            return entry_error(errc::truncated, index, pos,
                               "entry of " + num(entry_len) + " bytes, " + num(left) + " left");
        }
        if (total < 0 || static_cast<std::size_t>(total) != entry_len) {
            return entry_error(errc::size_mismatch, index, pos,
                               "TOTALSIZE " + num(total) + " but fields take " + num(entry_len));
        }
        entries.push_back(BatchEntryView{
            flag, std::string_view(p + 20, static_cast<std::size_t>(body_len)),
            std::string_view(p + props_at + 2, static_cast<std::size_t>(props_len))});
        pos += entry_len;
    }
    return entries;
}

Result<std::vector<Message>> decode_batch(std::span<const char> body) {
    auto views = decode_batch_view(body);
    if (!views) return views.error();
    std::vector<Message> out;
    out.reserve(views->size());
    for (const auto& e : *views) {
        Message m;
        m.flag = e.flag;
        m.body.assign(e.body);
        m.properties = parse_properties(e.properties);
        out.push_back(std::move(m));
    }
    return out;
}

Result<std::size_t> encode_batch_entry(int32_t flag, std::string_view body,
                                       std::string_view properties, std::string& out) {
    if (properties.size() > 32767) {
        return make_error(errc::field_too_long,
                          "properties of " + num(properties.size()) + " bytes, limit 32767");
    }
    if (body.size() > static_cast<std::size_t>(INT32_MAX) - kBatchEntryOverhead - 32767) {
        return make_error(errc::field_too_long, "body of " + num(body.size()) + " bytes");
    }
    const std::size_t total = kBatchEntryOverhead + body.size() + properties.size();
    out.reserve(out.size() + total);
    append_be(out, static_cast<int32_t>(total));
    append_be(out, int32_t{0});  // MAGICCODE: clients write 0, the broker ignores it
    append_be(out, int32_t{0});  // BODYCRC: computed by the broker
    append_be(out, flag);
    append_be(out, static_cast<int32_t>(body.size()));
    out.append(body);
    append_be(out, static_cast<int16_t>(properties.size()));
    out.append(properties);
    return total;
}

Result<std::string> encode_batch(std::span<const Message> messages) {
    std::string out;
    for (const auto& m : messages) {
        const std::string props = encode_properties(m.properties);
        auto r = encode_batch_entry(m.flag, m.body, props, out);
        if (!r) return r.error();
    }
    return out;
}

}  // namespace rmq::message
