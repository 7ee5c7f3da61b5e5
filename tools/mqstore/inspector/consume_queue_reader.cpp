#include "inspector/consume_queue_reader.hpp"

#include <algorithm>

#include "common/big_endian.hpp"

namespace rmq::mqstore {

CqUnit decode_cq_unit(const char* p) {
    return {load_be<int64_t>(p), load_be<int32_t>(p + 8), load_be<int64_t>(p + 12)};
}

Result<ConsumeQueueReader> ConsumeQueueReader::open(const QueueDirectory& dir, int64_t file_size) {
    ConsumeQueueReader reader;
    reader.topic_ = dir.topic;
    reader.queue_id_ = dir.queue_id;
    reader.file_size_ = file_size;
    for (const auto& f : dir.files) {
        auto mapped = ReadOnlyFile::map(f.path);
        if (!mapped) return mapped.error();
        reader.froms_.push_back(f.offset);
        reader.files_.push_back(std::move(*mapped));
    }
    return reader;
}

std::optional<CqUnit> ConsumeQueueReader::unit_at(int64_t index) const {
    if (index < 0 || files_.empty()) return std::nullopt;
    const int64_t logic = index * kCqUnitSize;
    auto it = std::upper_bound(froms_.begin(), froms_.end(), logic);
    if (it == froms_.begin()) return std::nullopt;
    const auto i = static_cast<size_t>(it - froms_.begin() - 1);
    const int64_t pos = logic - froms_[i];
    if (pos >= file_size_ || pos + kCqUnitSize > static_cast<int64_t>(files_[i].size()))
        return std::nullopt;
    return decode_cq_unit(files_[i].bytes().data() + pos);
}

int64_t ConsumeQueueReader::max_offset() const {
    if (files_.empty()) return 0;
    size_t i = files_.size() >= 3 ? files_.size() - 3 : 0;
    for (; i < files_.size(); ++i) {
        const auto bytes = files_[i].bytes();
        const int64_t limit = std::min<int64_t>(file_size_, static_cast<int64_t>(bytes.size()));
        int64_t pos = 0;
        while (pos + kCqUnitSize <= limit && is_unit_in_use(decode_cq_unit(bytes.data() + pos)))
            pos += kCqUnitSize;
        if (pos < file_size_ || i + 1 == files_.size()) return (froms_[i] + pos) / kCqUnitSize;
    }
    return 0;  // not reached
}

int64_t ConsumeQueueReader::min_offset(int64_t commit_log_min) const {
    const int64_t end = max_offset();
    for (int64_t index = first_index(); index < end; ++index) {
        auto unit = unit_at(index);
        if (unit && !unit->is_hole() && unit->commit_log_offset >= commit_log_min) return index;
    }
    return end;
}

int64_t ConsumeQueueReader::max_physic_offset() const {
    const int64_t end = max_offset();
    if (end <= first_index()) return -1;
    auto unit = unit_at(end - 1);
    return unit ? unit->commit_log_offset + unit->size : -1;
}

}  // namespace rmq::mqstore
