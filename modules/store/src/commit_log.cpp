#include "store/commit_log.hpp"

#include <cstring>

#include "common/big_endian.hpp"
#include "message/message_id.hpp"
#include "proto/flags.hpp"

namespace rmq::store {

namespace pos = message::record_pos;

CommitLog::CommitLog(const StoreConfig& config)
    : files_(config.commit_log_path(), static_cast<size_t>(config.commit_log_file_size),
             Allocation::whole_file),
      max_message_size_(config.max_message_size) {
}

Result<void> CommitLog::load() {
    if (auto r = files_.load(); !r) return r;
    max_offset_.store(files_.max_offset(), std::memory_order_release);
    flushed_offset_.store(files_.max_offset(), std::memory_order_release);
    return {};
}

Result<void> CommitLog::set_end(int64_t end) {
    if (auto r = files_.truncate_to(end); !r) return r;
    max_offset_.store(files_.max_offset(), std::memory_order_release);
    flushed_offset_.store(files_.max_offset(), std::memory_order_release);
    return {};
}

void CommitLog::append(EncodedPut& put, int64_t store_timestamp, PutMessageResult& result) {
    const auto size = static_cast<int64_t>(put.bytes.size());
    auto file = files_.last_file_for_write(max_offset());
    if (!file) {
        result.status = PutMessageStatus::create_mapped_file_failed;
        result.remark = file.error().message;
        return;
    }
    MappedFile* f = *file;
    if (static_cast<int64_t>(f->free_space())
        < size + static_cast<int64_t>(message::kBlankMarkerSize)) {
        // The record goes to the next file; what is left of this one becomes the blank record.
        const size_t at = f->wrote_position();
        message::encode_blank_marker(
            static_cast<int32_t>(f->size() - at),
            std::span<char, message::kBlankMarkerSize>(f->data() + at, message::kBlankMarkerSize));
        f->set_wrote_position(f->size());
        max_offset_.store(f->file_from_offset() + static_cast<int64_t>(f->size()),
                          std::memory_order_release);
        file = files_.last_file_for_write(max_offset());
        if (!file) {
            result.status = PutMessageStatus::create_mapped_file_failed;
            result.remark = file.error().message;
            return;
        }
        f = *file;
        if (static_cast<int64_t>(f->free_space())
            < size + static_cast<int64_t>(message::kBlankMarkerSize)) {
            result.status = PutMessageStatus::message_illegal;
            result.remark = "message of " + std::to_string(size) + " bytes does not fit a "
                            + std::to_string(f->size()) + "-byte commit-log file";
            return;
        }
    }

    const bool takes_queue_offset =
        put.tran_type != proto::msg_sys_flag::kTransactionPreparedType
        && put.tran_type != proto::msg_sys_flag::kTransactionRollbackType;
    int64_t* next_queue_offset = nullptr;
    int64_t queue_offset = 0;
    if (takes_queue_offset) {
        next_queue_offset = &queue_offsets_.try_emplace(put.queue_key, 0).first->second;
        queue_offset = *next_queue_offset;
    }
    const size_t at = f->wrote_position();
    const int64_t wrote_offset = f->file_from_offset() + static_cast<int64_t>(at);
    char* dst = f->data() + at;
    std::memcpy(dst, put.bytes.data(), put.bytes.size());

    result.msg_id.clear();
    for (size_t i = 0; i < put.record_starts.size(); ++i) {
        char* record = dst + put.record_starts[i];
        const int64_t physical = wrote_offset + put.record_starts[i];
        store_be<int64_t>(record + pos::kQueueOffset, queue_offset + static_cast<int64_t>(i));
        store_be<int64_t>(record + pos::kPhysicalOffset, physical);
        store_be<int64_t>(record + put.store_timestamp_pos, store_timestamp);
        if (i > 0) result.msg_id += ',';
        result.msg_id += message::make_offset_msg_id(put.store_host, physical);
    }
    const auto count = static_cast<int64_t>(put.record_starts.size());
    if (next_queue_offset) *next_queue_offset += count;
    f->set_wrote_position(at + put.bytes.size());
    max_offset_.store(wrote_offset + size, std::memory_order_release);
    last_append_timestamp_.store(store_timestamp, std::memory_order_release);

    result.status = PutMessageStatus::put_ok;
    result.wrote_offset = wrote_offset;
    result.wrote_bytes = static_cast<int32_t>(size);
    result.queue_offset = queue_offset;
    result.msg_num = static_cast<int32_t>(count);
    result.store_timestamp = store_timestamp;
}

Result<void> CommitLog::append_replicated(int64_t offset, std::span<const char> bytes) {
    const int64_t size = file_size();
    const bool empty = files_.empty();
    if (empty ? offset % size != 0 : offset != max_offset())
        return common::Error{errc::not_at_end,
                             "replicated bytes at " + std::to_string(offset) + ", but the log "
                                 + (empty ? "is empty and starts at a file boundary"
                                          : "ends at " + std::to_string(max_offset()))};
    if (bytes.empty()) return {};
    auto file = files_.last_file_for_write(offset);
    if (!file) return file.error();
    MappedFile* f = *file;
    const size_t at = f->wrote_position();
    if (bytes.size() > f->free_space())
        return common::Error{errc::crosses_file,
                             std::to_string(bytes.size()) + " replicated bytes at "
                                 + std::to_string(offset) + " do not fit the "
                                 + std::to_string(f->free_space())
                                 + " bytes left in its file: are mappedFileSizeCommitLog the "
                                   "same on master and slave?"};
    std::memcpy(f->data() + at, bytes.data(), bytes.size());
    f->set_wrote_position(at + bytes.size());
    max_offset_.store(offset + static_cast<int64_t>(bytes.size()), std::memory_order_release);
    return {};
}

Result<int64_t> CommitLog::flush(size_t least_pages) {
    // Read before the flush: the record with this time was published before it, so a flush
    // that starts afterwards covers it (when it flushes at all: least_pages may skip).
    const int64_t timestamp = last_append_timestamp_.load(std::memory_order_acquire);
    const int64_t target = max_offset();
    auto flushed = files_.flush(least_pages);
    if (!flushed) return flushed;
    flushed_offset_.store(*flushed, std::memory_order_release);
    if (*flushed >= target && timestamp > 0)
        flushed_timestamp_.store(timestamp, std::memory_order_release);
    return flushed;
}

int64_t CommitLog::min_offset() const {
    auto first = files_.first_file();
    if (!first) return -1;
    // A file being deleted no longer counts (its successor holds the oldest data).
    if (first->destroyed()) return first->file_from_offset() + file_size();
    return first->file_from_offset();
}

SelectedBytes CommitLog::read(int64_t offset, int32_t size) const {
    auto file = files_.find_by_offset(offset);
    if (!file || size <= 0) return {};
    const auto at = static_cast<size_t>(offset - file->file_from_offset());
    const int64_t limit = max_offset() - file->file_from_offset();
    if (static_cast<int64_t>(at) + size > std::min<int64_t>(limit, file->size())) return {};
    std::span<const char> bytes(file->data() + at, static_cast<size_t>(size));
    return {std::move(file), bytes, offset};
}

SelectedBytes CommitLog::read_from(int64_t offset) const {
    auto file = files_.find_by_offset(offset);
    if (!file) return {};
    const auto at = static_cast<size_t>(offset - file->file_from_offset());
    auto bytes = file->readable_from(at);
    const int64_t limit = max_offset() - offset;
    if (static_cast<int64_t>(bytes.size()) > limit)
        bytes = bytes.first(static_cast<size_t>(std::max<int64_t>(limit, 0)));
    return {std::move(file), bytes, offset};
}

int64_t CommitLog::store_timestamp_at(int64_t offset, int32_t size) const {
    auto selected = read(offset, size);
    if (!selected || size < static_cast<int32_t>(message::kMinRecordSize)) return -1;
    const int32_t sys_flag = load_be<int32_t>(selected.bytes.data() + pos::kSysFlag);
    const size_t born_host = (sys_flag & proto::msg_sys_flag::kBornHostV6) ? 20 : 8;
    return load_be<int64_t>(selected.bytes.data() + pos::kBornHost + born_host + 0);
}

int64_t CommitLog::roll_next_file(int64_t offset) const {
    return offset + file_size() - offset % file_size();
}

}  // namespace rmq::store
