#include "message/record_reader.hpp"

#include <vector>

namespace rmq::message {

std::optional<RecordView> RecordReader::next() {
    if (error_ || pos_ >= bytes_.size()) return std::nullopt;
    auto r = decode_record_view(bytes_.subspan(pos_), options_);
    switch (r.kind()) {
        case RecordKind::message:
            pos_ += static_cast<std::size_t>(r.size());
            return r.record();
        case RecordKind::blank:
            error_ = make_error(errc::blank_record,
                                "end-of-file marker at offset " + std::to_string(pos_));
            return std::nullopt;
        case RecordKind::error:
            break;
    }
    common::Error e = r.error();
    e.message += " (record at offset " + std::to_string(pos_) + ")";
    error_ = std::move(e);
    return std::nullopt;
}

std::vector<MessageExt> decode_messages(std::span<const char> bytes, DecodeOptions options) {
    std::vector<MessageExt> out;
    RecordReader reader(bytes, options);
    while (auto v = reader.next())
        out.push_back(to_message_ext(*v));
    return out;
}

}  // namespace rmq::message
