#include <string>

#include "common/big_endian.hpp"
#include "common/byte_reader.hpp"
#include "message/checksum.hpp"
#include "message/record.hpp"
#include "proto/flags.hpp"

namespace rmq::message {

namespace {

using Decoded = RecordResult<RecordView>;

template <class T>
std::string num(T v) {
    return std::to_string(v);
}

common::Error overrun(const char* field, int64_t need, const ByteReader& r, int32_t total) {
    return make_error(errc::size_mismatch, std::string(field) + " needs " + num(need)
                                               + " bytes at offset " + num(r.pos())
                                               + " but TOTALSIZE is " + num(total));
}

bool read_host(ByteReader& r, bool v6, HostAddress& host, const char* field, int32_t total,
               common::Error& err) {
    const std::size_t ip_len = v6 ? 16 : 4;
    if (!r.has(ip_len + 4)) {
        err = overrun(field, static_cast<int64_t>(ip_len + 4), r, total);
        return false;
    }
    std::string_view ip = r.take(ip_len);
    int32_t port = r.read<int32_t>();
    if (port < 0 || port > 65535) {
        err = make_error(errc::bad_host, std::string(field) + " port " + num(port));
        return false;
    }
    host.ip = IpAddress::from_raw(ip.data(), v6);
    host.port = static_cast<uint16_t>(port);
    return true;
}

RecordKind fail(common::Error& err, common::Error e) {
    err = std::move(e);
    return RecordKind::error;
}

// Decodes into `v` (the caller's result slot, so the ~170-byte view is never copied).
RecordKind decode_into(std::span<const char> bytes, const DecodeOptions& options, RecordView& v,
                       int32_t& blank_size, common::Error& err) {
    namespace sf = proto::msg_sys_flag;
    if (bytes.size() < kBlankMarkerSize) {
        return fail(
            err, make_error(errc::truncated,
                            "need 8 bytes for TOTALSIZE and MAGICCODE, have " + num(bytes.size())));
    }
    const char* base = bytes.data();
    const int32_t total = load_be<int32_t>(base);
    const int32_t magic = load_be<int32_t>(base + 4);

    if (magic == kMagicBlank) {
        // The marker's TOTALSIZE is the rest of the file, which callers may not have passed in,
        // so it is only checked for sanity, not against bytes.size().
        if (total < static_cast<int32_t>(kBlankMarkerSize)) {
            return fail(err,
                        make_error(errc::size_mismatch, "blank marker TOTALSIZE " + num(total)));
        }
        blank_size = total;
        return RecordKind::blank;
    }
    if (magic != kMagicV1 && magic != kMagicV2) {
        return fail(err,
                    make_error(errc::bad_magic, "MAGICCODE " + num(static_cast<uint32_t>(magic))));
    }
    if (total < static_cast<int32_t>(kMinRecordSize)) {
        return fail(err, make_error(errc::size_mismatch, "TOTALSIZE " + num(total)
                                                             + " is below the minimum "
                                                             + num(kMinRecordSize)));
    }
    if (static_cast<std::size_t>(total) > bytes.size()) {
        return fail(err, make_error(errc::truncated, "TOTALSIZE " + num(total) + " but only "
                                                         + num(bytes.size()) + " bytes"));
    }

    ByteReader r(base, base + total);
    // The minimum size check above covers everything up to and including BORNHOST (IPv4).
    v.store_size = r.read<int32_t>();
    v.magic = r.read<int32_t>();
    v.body_crc = r.read<int32_t>();
    v.queue_id = r.read<int32_t>();
    v.flag = r.read<int32_t>();
    v.queue_offset = r.read<int64_t>();
    v.commit_log_offset = r.read<int64_t>();
    v.sys_flag = r.read<int32_t>();
    v.born_timestamp = r.read<int64_t>();
    if (!read_host(r, (v.sys_flag & sf::kBornHostV6) != 0, v.born_host, "BORNHOST", total, err)) {
        return RecordKind::error;
    }
    if (!r.has(8)) return fail(err, overrun("STORETIMESTAMP", 8, r, total));
    v.store_timestamp = r.read<int64_t>();
    if (!read_host(r, (v.sys_flag & sf::kStoreHostV6) != 0, v.store_host, "STOREHOSTADDRESS", total,
                   err)) {
        return RecordKind::error;
    }
    if (!r.has(4 + 8 + 4)) return fail(err, overrun("RECONSUMETIMES", 16, r, total));
    v.reconsume_times = r.read<int32_t>();
    v.prepared_transaction_offset = r.read<int64_t>();

    const int32_t body_len = r.read<int32_t>();
    if (body_len < 0) {
        return fail(err, make_error(errc::negative_length, "BODYLENGTH " + num(body_len)));
    }
    if (!r.has(static_cast<std::size_t>(body_len))) {
        return fail(err, overrun("BODY", body_len, r, total));
    }
    v.body = r.take(static_cast<std::size_t>(body_len));

    int32_t topic_len = 0;
    if (v.magic == kMagicV1) {
        if (!r.has(1)) return fail(err, overrun("TOPICLENGTH", 1, r, total));
        // Java reads a signed byte: 0x80..0xFF are negative lengths, rejected below.
        topic_len = r.read<int8_t>();  // NOLINT(bugprone-signed-char-misuse)
    } else {
        if (!r.has(2)) return fail(err, overrun("TOPICLENGTH", 2, r, total));
        topic_len = r.read<int16_t>();
    }
    if (topic_len < 0) {
        return fail(err, make_error(errc::negative_length, "TOPICLENGTH " + num(topic_len)));
    }
    if (!r.has(static_cast<std::size_t>(topic_len))) {
        return fail(err, overrun("TOPIC", topic_len, r, total));
    }
    v.topic = r.take(static_cast<std::size_t>(topic_len));

    if (!r.has(2)) return fail(err, overrun("PROPERTIESLENGTH", 2, r, total));
    const int16_t props_len = r.read<int16_t>();
    if (props_len < 0) {
        return fail(err, make_error(errc::negative_length, "PROPERTIESLENGTH " + num(props_len)));
    }
    if (!r.has(static_cast<std::size_t>(props_len))) {
        return fail(err, overrun("PROPERTIES", props_len, r, total));
    }
    v.properties = r.take(static_cast<std::size_t>(props_len));

    if (r.pos() != static_cast<std::size_t>(total)) {
        return fail(err,
                    make_error(errc::size_mismatch,
                               "TOTALSIZE " + num(total) + " but fields end at " + num(r.pos())));
    }
    if (options.verify_body_crc) {
        const int32_t crc = body_crc(v.body);
        if (crc != v.body_crc) {
            return fail(err, make_error(errc::crc_mismatch, "BODYCRC " + num(v.body_crc)
                                                                + " but body has " + num(crc)));
        }
    }
    return RecordKind::message;
}

}  // namespace

Decoded decode_record_view(std::span<const char> bytes, const DecodeOptions& options) {
    // One named result returned on every path, so it is constructed in the caller (NRVO).
    Decoded out = Decoded::empty_message();
    int32_t blank_size = 0;
    common::Error err;
    switch (decode_into(bytes, options, out.record(), blank_size, err)) {
        case RecordKind::message:
            break;
        case RecordKind::blank:
            out = Decoded::blank(blank_size);
            break;
        case RecordKind::error:
            out = Decoded::failure(std::move(err));
            break;
    }
    return out;
}

MessageExt to_message_ext(const RecordView& view) {
    MessageExt m;
    // NOLINTNEXTLINE(cppcoreguidelines-slicing): copies exactly the shared fixed fields
    static_cast<RecordMeta&>(m) = view;
    m.topic.assign(view.topic);
    m.flag = view.flag;
    m.properties = parse_properties(view.properties);
    m.body.assign(view.body);
    return m;
}

RecordResult<MessageExt> decode_record(std::span<const char> bytes, const DecodeOptions& options) {
    auto r = decode_record_view(bytes, options);
    switch (r.kind()) {
        case RecordKind::message:
            return RecordResult<MessageExt>::message(to_message_ext(r.record()));
        case RecordKind::blank:
            return RecordResult<MessageExt>::blank(r.size());
        case RecordKind::error:
            break;
    }
    return RecordResult<MessageExt>::failure(r.error());
}

}  // namespace rmq::message
