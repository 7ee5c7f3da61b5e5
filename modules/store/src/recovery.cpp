#include "recovery.hpp"

#include "common/big_endian.hpp"
#include "proto/flags.hpp"

namespace rmq::store {

namespace {

/// Java's isMappedFileMatchedRecover.
bool first_record_is_safe(const MappedFile& file, int64_t threshold) {
    namespace pos = message::record_pos;
    const char* p = file.data();
    const int32_t magic = load_be<int32_t>(p + pos::kMagic);
    if (magic != message::kMagicV1 && magic != message::kMagicV2) return false;
    const int32_t sys_flag = load_be<int32_t>(p + pos::kSysFlag);
    const size_t born = (sys_flag & proto::msg_sys_flag::kBornHostV6) ? 20 : 8;
    const int64_t store_timestamp = load_be<int64_t>(p + pos::kBornHost + born);
    return store_timestamp != 0 && store_timestamp <= threshold;
}

}  // namespace

size_t recovery_start_file(const CommitLog& log, bool last_exit_ok,
                           const StoreCheckpoint& checkpoint, const StoreConfig& config) {
    const auto files = log.files().files();
    if (files.empty()) return 0;
    if (last_exit_ok) return files.size() >= 3 ? files.size() - 3 : 0;
    const int64_t threshold = config.message_index_enable && config.message_index_safe
                                  ? checkpoint.min_timestamp_index()
                                  : checkpoint.min_timestamp();
    for (size_t i = files.size(); i-- > 0;) {
        if (first_record_is_safe(*files[i], threshold)) return i;
    }
    return 0;
}

int64_t scan_commit_log(const CommitLog& log, size_t start_file, bool check_crc,
                        const std::function<void(const message::RecordView&)>& on_record) {
    const auto files = log.files().files();
    if (files.empty()) return 0;
    const message::DecodeOptions options{.verify_body_crc = check_crc};
    for (size_t i = start_file; i < files.size(); ++i) {
        const auto& file = files[i];
        std::span<const char> bytes(file->data(), file->size());
        size_t pos = 0;
        for (;;) {
            auto record = message::decode_record_view(bytes.subspan(pos), options);
            if (record.is_message()) {
                // A record must also sit where it says it does; anything else is foreign data.
                if (record.record().commit_log_offset
                    != file->file_from_offset() + static_cast<int64_t>(pos))
                    return file->file_from_offset() + static_cast<int64_t>(pos);
                on_record(record.record());
                pos += static_cast<size_t>(record.size());
                continue;
            }
            if (record.is_blank() && i + 1 < files.size()) break;  // continue in the next file
            return file->file_from_offset() + static_cast<int64_t>(pos);
        }
    }
    return files.back()->file_from_offset();
}

}  // namespace rmq::store
