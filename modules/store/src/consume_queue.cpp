#include "store/consume_queue.hpp"

#include <cstdlib>
#include <cstring>

#include "common/big_endian.hpp"
#include "common/log.hpp"

namespace rmq::store {
namespace {

CqUnit decode_unit(const char* p) {
    return {load_be<int64_t>(p), load_be<int32_t>(p + 8), load_be<int64_t>(p + 12)};
}

void encode_unit(const CqUnit& unit, char* p) {
    store_be<int64_t>(p, unit.commit_log_offset);
    store_be<int32_t>(p + 8, unit.size);
    store_be<int64_t>(p + 12, unit.tags_code);
}

bool is_valid(const CqUnit& unit) {
    // The last condition only rules out garbage whose end would overflow.
    return unit.commit_log_offset >= 0 && unit.size > 0
           && unit.commit_log_offset <= INT64_MAX - unit.size;
}

}  // namespace

CqUnit CqUnits::operator[](size_t i) const {
    return decode_unit(bytes_.data() + i * kCqUnitSize);
}

ConsumeQueue::ConsumeQueue(std::string topic, int32_t queue_id, std::filesystem::path dir,
                           int64_t file_size)
    : topic_(std::move(topic)),
      queue_id_(queue_id),
      files_(std::move(dir), static_cast<size_t>(file_size), Allocation::on_demand) {
}

Result<void> ConsumeQueue::load() {
    return files_.load();
}

Result<void> ConsumeQueue::recover() {
    auto files = files_.files();
    if (files.empty()) return {};
    const auto file_size = static_cast<int64_t>(files_.file_size());
    size_t index = files.size() >= 3 ? files.size() - 3 : 0;
    int64_t end = files[index]->file_from_offset();
    for (; index < files.size(); ++index) {
        const char* base = files[index]->data();
        int64_t pos = 0;
        for (; pos < file_size; pos += kCqUnitSize) {
            const CqUnit unit = decode_unit(base + pos);
            if (!is_valid(unit)) break;
            // Holes point at nothing: a queue that ends in holes has no physical end yet.
            if (!unit.is_hole())
                max_physic_offset_.store(unit.commit_log_offset + unit.size,
                                         std::memory_order_release);
        }
        end = files[index]->file_from_offset() + pos;
        if (pos < file_size) break;
    }
    return files_.truncate_to(end);
}

Result<void> ConsumeQueue::fill_holes(MappedFile& file, int64_t until_logic_offset) {
    const auto until = static_cast<size_t>(until_logic_offset - file.file_from_offset());
    if (auto r = file.ensure_allocated(until); !r) return r.error();
    const CqUnit hole{0, INT32_MAX, 0};
    for (size_t pos = 0; pos < until; pos += kCqUnitSize)
        encode_unit(hole, file.data() + pos);
    file.set_wrote_position(until);
    return {};
}

Result<void> ConsumeQueue::put(const CqUnit& unit, int64_t cq_offset) {
    // Damaged records can carry any number; keep the arithmetic below in range.
    if (cq_offset < 0 || cq_offset > INT64_MAX / kCqUnitSize / 2 || !is_valid(unit))
        return common::Error{errc::out_of_range,
                             "consume queue " + topic_ + "/" + std::to_string(queue_id_)
                                 + ": unit for offset " + std::to_string(cq_offset)
                                 + " at commit-log offset " + std::to_string(unit.commit_log_offset)
                                 + " is out of range"};
    if (unit.commit_log_offset + unit.size <= max_physic_offset()) return {};  // a replay
    const int64_t expected = cq_offset * kCqUnitSize;
    const bool first_file_of_queue = files_.empty();
    auto file = files_.last_file_for_write(expected);
    if (!file) return file.error();
    MappedFile& f = **file;
    if (first_file_of_queue && cq_offset != 0 && f.wrote_position() == 0) {
        if (auto r = fill_holes(f, expected); !r) return r;
        min_logic_offset_.store(expected, std::memory_order_release);
        f.set_flushed_position(0);
    }
    if (cq_offset != 0) {
        const int64_t current = f.file_from_offset() + static_cast<int64_t>(f.wrote_position());
        if (expected < current) return {};  // built already
        if (expected != current)
            log::warn("store", "consume queue " + topic_ + "/" + std::to_string(queue_id_)
                                   + ": unit for offset " + std::to_string(cq_offset)
                                   + " written at offset " + std::to_string(current / kCqUnitSize));
    }
    const size_t pos = f.wrote_position();
    if (auto r = f.ensure_allocated(pos + kCqUnitSize); !r) return r;
    encode_unit(unit, f.data() + pos);
    max_physic_offset_.store(unit.commit_log_offset + unit.size, std::memory_order_release);
    f.set_wrote_position(pos + kCqUnitSize);
    return {};
}

std::optional<CqUnit> ConsumeQueue::unit_at(int64_t index) const {
    auto units = read_from(index, 1);
    if (units.empty()) return std::nullopt;
    return units[0];
}

CqUnits ConsumeQueue::read_from(int64_t index, size_t max_units) const {
    if (index < min_offset()) return {};
    const int64_t logic = index * kCqUnitSize;
    auto file = files_.find_by_offset(logic);
    if (!file) return {};
    auto bytes = file->readable_from(static_cast<size_t>(logic - file->file_from_offset()));
    const size_t units = std::min(bytes.size() / kCqUnitSize, max_units);
    bytes = bytes.first(units * kCqUnitSize);
    return CqUnits(std::move(file), bytes, index);
}

int64_t ConsumeQueue::offset_by_time(
    int64_t timestamp, int64_t commit_log_min_offset,
    const std::function<int64_t(int64_t, int32_t)>& store_time_of) const {
    auto files = files_.files();
    if (files.empty()) return 0;
    // The first file modified at or after the timestamp holds it; otherwise the last file.
    std::shared_ptr<MappedFile> file = files.back();
    const auto wanted = std::chrono::system_clock::time_point(std::chrono::milliseconds(timestamp));
    for (const auto& f : files) {
        const auto modified = std::chrono::file_clock::to_sys(f->last_modified());
        if (modified >= wanted) {
            file = f;
            break;
        }
    }
    const int64_t from = file->file_from_offset();
    const int64_t min_logic = min_logic_offset_.load(std::memory_order_acquire);
    int64_t low = min_logic > from ? min_logic - from : 0;
    int64_t high = static_cast<int64_t>(file->wrote_position()) - kCqUnitSize;
    int64_t target = -1, left = -1, right = -1;
    int64_t left_time = -1, right_time = -1;
    while (high >= low) {
        const int64_t mid = (low + high) / (2 * kCqUnitSize) * kCqUnitSize;
        const CqUnit unit = decode_unit(file->data() + mid);
        if (unit.commit_log_offset < commit_log_min_offset) {
            low = mid + kCqUnitSize;
            left = mid;
            continue;
        }
        const int64_t store_time = store_time_of(unit.commit_log_offset, unit.size);
        if (store_time < 0) return 0;
        if (store_time == timestamp) {
            target = mid;
            break;
        }
        if (store_time > timestamp) {
            high = mid - kCqUnitSize;
            right = mid;
            right_time = store_time;
        } else {
            low = mid + kCqUnitSize;
            left = mid;
            left_time = store_time;
        }
    }
    int64_t offset = target;
    if (offset == -1) {
        if (left_time == -1)
            offset = right;
        else if (right_time == -1)
            offset = left;
        else
            offset = std::llabs(timestamp - left_time) > std::llabs(timestamp - right_time) ? right
                                                                                            : left;
    }
    return (from + offset) / kCqUnitSize;
}

Result<void> ConsumeQueue::truncate_dirty(int64_t commit_log_end) {
    while (auto file = files_.last_file()) {
        const auto file_size = static_cast<int64_t>(file->size());
        int64_t pos = 0;
        int64_t max_physic = -1;
        for (; pos < file_size; pos += kCqUnitSize) {
            const CqUnit unit = decode_unit(file->data() + pos);
            if (!is_valid(unit) || unit.commit_log_offset >= commit_log_end) break;
            if (!unit.is_hole()) max_physic = unit.commit_log_offset + unit.size;
        }
        if (pos == 0) {  // the whole file is beyond the end
            if (auto r = files_.delete_last_file(); !r) return r;
            continue;
        }
        // Zero the cut units so a crash before they are overwritten cannot resurrect them.
        const auto end = static_cast<size_t>(pos);
        size_t stale_end = end;
        while (stale_end < file->size() && is_valid(decode_unit(file->data() + stale_end)))
            stale_end += kCqUnitSize;
        std::memset(file->data() + end, 0, stale_end - end);
        max_physic_offset_.store(max_physic, std::memory_order_release);
        return files_.truncate_to(file->file_from_offset() + pos);
    }
    max_physic_offset_.store(-1, std::memory_order_release);
    return {};
}

void ConsumeQueue::correct_min_offset(int64_t commit_log_min_offset) {
    auto file = files_.first_file();
    if (!file) return;
    auto bytes = file->readable_from(0);
    for (size_t pos = 0; pos + kCqUnitSize <= bytes.size(); pos += kCqUnitSize) {
        const CqUnit unit = decode_unit(bytes.data() + pos);
        if (unit.commit_log_offset >= commit_log_min_offset && !unit.is_hole()) {
            const int64_t logic = file->file_from_offset() + static_cast<int64_t>(pos);
            if (logic > min_logic_offset_.load(std::memory_order_acquire))
                min_logic_offset_.store(logic, std::memory_order_release);
            return;
        }
    }
}

size_t ConsumeQueue::delete_expired(int64_t commit_log_min_offset) {
    const size_t deleted = files_.delete_leading_files([&](const MappedFile& f) {
        const CqUnit last = decode_unit(f.data() + f.size() - kCqUnitSize);
        return last.commit_log_offset < commit_log_min_offset;
    });
    if (auto first = files_.first_file()) {
        if (first->file_from_offset() > min_logic_offset_.load(std::memory_order_acquire))
            min_logic_offset_.store(first->file_from_offset(), std::memory_order_release);
    }
    correct_min_offset(commit_log_min_offset);
    return deleted;
}

Result<void> ConsumeQueue::destroy() {
    max_physic_offset_.store(-1, std::memory_order_release);
    min_logic_offset_.store(0, std::memory_order_release);
    auto r = files_.destroy_all();
    std::error_code ec;
    std::filesystem::remove(files_.dir(), ec);
    return r;
}

}  // namespace rmq::store
