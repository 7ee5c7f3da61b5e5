#pragma once
// Iterates over records laid back to back: PULL_MESSAGE / QUERY_MESSAGE bodies (§5).
#include <cstddef>
#include <iterator>
#include <optional>
#include <span>
#include <vector>

#include "message/record.hpp"

namespace rmq::message {

/// Yields RecordViews until the input is exhausted or a record cannot be decoded; like Java's
/// client, it stops there and keeps the error (a blank marker counts as an error, blank_record,
/// since response bodies never contain one). Views point into the input buffer.
class RecordReader {
  public:
    explicit RecordReader(std::span<const char> bytes, DecodeOptions options = {})
        : bytes_(bytes), options_(options) {}

    /// The next record, or nullopt at the end or at the first undecodable record.
    std::optional<RecordView> next();

    /// Bytes consumed by the records returned so far.
    std::size_t consumed() const noexcept { return pos_; }
    /// Why reading stopped before the end of the input; nullopt while fine or after a clean end.
    const std::optional<common::Error>& error() const noexcept { return error_; }
    /// True once every byte was consumed by whole records.
    bool finished_cleanly() const noexcept { return !error_ && pos_ == bytes_.size(); }

    class iterator {
      public:
        using iterator_category = std::input_iterator_tag;
        using value_type = RecordView;
        using difference_type = std::ptrdiff_t;
        using pointer = const RecordView*;
        using reference = const RecordView&;

        iterator() = default;
        reference operator*() const { return *current_; }
        pointer operator->() const { return &*current_; }
        iterator& operator++() {
            current_ = reader_->next();
            return *this;
        }
        void operator++(int) { ++*this; }
        friend bool operator==(const iterator& it, std::default_sentinel_t) {
            return !it.current_.has_value();
        }

      private:
        friend class RecordReader;
        explicit iterator(RecordReader* reader) : reader_(reader), current_(reader->next()) {}
        RecordReader* reader_ = nullptr;
        std::optional<RecordView> current_;
    };

    /// Single pass: begin() starts reading from the current position.
    iterator begin() { return iterator(this); }
    std::default_sentinel_t end() const noexcept { return {}; }

  private:
    std::span<const char> bytes_;
    DecodeOptions options_;
    std::size_t pos_ = 0;
    std::optional<common::Error> error_;
};

/// `for (const RecordView& r : decode_records(body)) ...`
inline RecordReader decode_records(std::span<const char> bytes, DecodeOptions options = {}) {
    return RecordReader(bytes, options);
}

/// Decodes every record into owning messages, dropping the rest at the first bad record (Java's
/// MessageDecoder.decodes behaviour). Use RecordReader to see whether something was dropped.
std::vector<MessageExt> decode_messages(std::span<const char> bytes, DecodeOptions options = {});

}  // namespace rmq::message
