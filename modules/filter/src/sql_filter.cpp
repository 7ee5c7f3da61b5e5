#include "filter/sql_filter.hpp"

#include "message/record.hpp"

namespace rmq::filter {

bool SqlFilter::matches_record(std::span<const char> record) const {
    auto view = message::decode_record_view(record);
    // A record that does not decode has no properties to offer: only a selector that is TRUE
    // without any takes it.
    const std::string_view properties =
        view.is_message() ? view.record().properties : std::string_view{};
    return matches_properties(properties);
}

bool SqlFilter::matches_properties(std::string_view raw_properties) const {
    return selector_->matches(sql::RawProperties(raw_properties));
}

CompiledSelector SelectorCache::get(std::string_view text) {
    {
        std::lock_guard lock(mutex_);
        if (auto it = by_text_.find(text); it != by_text_.end()) {
            recent_.splice(recent_.begin(), recent_, it->second);
            return it->second->compiled;
        }
    }
    // Compiled outside the lock: a long selector must not hold up other pulls.
    auto compiled = sql::compile(text);
    CompiledSelector result =
        compiled
            ? CompiledSelector(std::make_shared<const sql::Expression>(std::move(compiled.value())))
            : CompiledSelector(compiled.error());
    std::lock_guard lock(mutex_);
    if (by_text_.contains(text)) return result;  // another pull compiled it meanwhile
    recent_.push_front(Entry{std::string(text), result});
    by_text_.emplace(recent_.front().text, recent_.begin());
    if (recent_.size() > capacity_) {
        by_text_.erase(recent_.back().text);
        recent_.pop_back();
    }
    return result;
}

}  // namespace rmq::filter
