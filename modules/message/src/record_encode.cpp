#include <climits>
#include <cstring>
#include <string>

#include "common/big_endian.hpp"
#include "message/record.hpp"
#include "proto/flags.hpp"

namespace rmq::message {

namespace {

template <class T>
std::string num(T v) {
    return std::to_string(v);
}

int32_t consistent_sys_flag(const RecordView& r) {
    namespace sf = proto::msg_sys_flag;
    int32_t flag = r.sys_flag & ~(sf::kBornHostV6 | sf::kStoreHostV6);
    if (r.born_host.ip.is_v6()) flag |= sf::kBornHostV6;
    if (r.store_host.ip.is_v6()) flag |= sf::kStoreHostV6;
    return flag;
}

class FieldWriter {
  public:
    explicit FieldWriter(char* p) : p_(p) {}
    template <class T>
    void put(T v) {
        store_be(p_, v);
        p_ += sizeof(T);
    }
    void put_bytes(const void* data, std::size_t n) {
        if (n) std::memcpy(p_, data, n);
        p_ += n;
    }
    void put_host(const HostAddress& h) {
        put_bytes(h.ip.data(), h.ip.size());
        put<int32_t>(h.port);
    }

  private:
    char* p_;
};

}  // namespace

Result<std::size_t> encoded_record_size(const RecordView& r) {
    std::size_t topic_len_size = 0;
    std::size_t topic_max = 0;
    if (r.magic == kMagicV1) {
        topic_len_size = 1, topic_max = 127;
    } else if (r.magic == kMagicV2) {
        topic_len_size = 2, topic_max = 32767;
    } else {
        return make_error(errc::bad_magic,
                          "cannot encode MAGICCODE " + num(static_cast<uint32_t>(r.magic)));
    }
    if (r.topic.size() > topic_max) {
        return make_error(errc::field_too_long,
                          "topic of " + num(r.topic.size()) + " bytes, limit " + num(topic_max));
    }
    if (r.properties.size() > 32767) {
        return make_error(errc::field_too_long,
                          "properties of " + num(r.properties.size()) + " bytes, limit 32767");
    }
    const std::size_t fixed = 4 + 4 + 4 + 4 + 4 + 8 + 8 + 4 + 8 + (r.born_host.ip.size() + 4) + 8
                              + (r.store_host.ip.size() + 4) + 4 + 8 + 4;
    if (r.body.size() > static_cast<std::size_t>(INT32_MAX) - fixed) {
        return make_error(errc::field_too_long, "body of " + num(r.body.size()) + " bytes");
    }
    const std::size_t total =
        fixed + r.body.size() + topic_len_size + r.topic.size() + 2 + r.properties.size();
    if (total > static_cast<std::size_t>(INT32_MAX)) {
        return make_error(errc::field_too_long, "record of " + num(total) + " bytes");
    }
    return total;
}

Result<std::size_t> encode_record_to(const RecordView& r, std::span<char> out) {
    auto size = encoded_record_size(r);
    if (!size) return size;
    const std::size_t total = *size;
    if (out.size() < total) {
        return make_error(errc::buffer_too_small,
                          "record needs " + num(total) + " bytes, buffer has " + num(out.size()));
    }
    FieldWriter w(out.data());
    w.put(static_cast<int32_t>(total));
    w.put(r.magic);
    w.put(r.body_crc);
    w.put(r.queue_id);
    w.put(r.flag);
    w.put(r.queue_offset);
    w.put(r.commit_log_offset);
    w.put(consistent_sys_flag(r));
    w.put(r.born_timestamp);
    w.put_host(r.born_host);
    w.put(r.store_timestamp);
    w.put_host(r.store_host);
    w.put(r.reconsume_times);
    w.put(r.prepared_transaction_offset);
    w.put(static_cast<int32_t>(r.body.size()));
    w.put_bytes(r.body.data(), r.body.size());
    if (r.magic == kMagicV1) {
        w.put(static_cast<int8_t>(r.topic.size()));
    } else {
        w.put(static_cast<int16_t>(r.topic.size()));
    }
    w.put_bytes(r.topic.data(), r.topic.size());
    w.put(static_cast<int16_t>(r.properties.size()));
    w.put_bytes(r.properties.data(), r.properties.size());
    return total;
}

Result<std::size_t> encode_record(const RecordView& r, std::string& out) {
    auto size = encoded_record_size(r);
    if (!size) return size;
    const std::size_t start = out.size();
    out.resize(start + *size);
    auto written = encode_record_to(r, std::span<char>(out.data() + start, *size));
    if (!written) out.resize(start);
    return written;
}

Result<std::size_t> encode_record(const MessageExt& m, std::string& out) {
    const std::string props = encode_properties(m.properties);
    RecordView v;
    // NOLINTNEXTLINE(cppcoreguidelines-slicing): copies exactly the shared fixed fields
    static_cast<RecordMeta&>(v) = m;
    v.flag = m.flag;
    v.body = m.body;
    v.topic = m.topic;
    v.properties = props;
    return encode_record(v, out);
}

void encode_blank_marker(int32_t remaining, std::span<char, kBlankMarkerSize> out) {
    store_be(out.data(), remaining);
    store_be(out.data() + 4, kMagicBlank);
}

}  // namespace rmq::message
