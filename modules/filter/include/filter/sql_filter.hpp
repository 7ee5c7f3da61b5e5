#pragma once
// A SQL92 subscription as a pull's filter (ExpressionMessageFilter): every consume-queue entry
// passes the tags-code stage, then the record's properties (TAGS among them) must make the
// selector TRUE. Compiled selectors are shared through a cache keyed by their text, as 4.9.8's
// SelectorParser caches them, so a subscription is compiled once, not once per pull.
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "filter/sql_expression.hpp"
#include "store/get_message_result.hpp"

namespace rmq::filter {

/// The expressionType of SQL92 subscriptions.
inline constexpr std::string_view kSql92 = "SQL92";

/// TAG, or no type at all (C++ clients leave it out).
inline bool is_tag_type(std::string_view expression_type) {
    return expression_type.empty() || expression_type == "TAG";
}

/// 4.9.8's remark for a subscription type the broker does not filter by (SQL92 without
/// enablePropertyFilter, or an unknown type).
inline std::string unsupported_type_remark(std::string_view expression_type) {
    return "The broker does not support consumer to filter message by "
           + std::string(expression_type);
}

class SqlFilter final : public store::MessageFilter {
  public:
    explicit SqlFilter(std::shared_ptr<const sql::Expression> selector)
        : selector_(std::move(selector)) {}
    bool matches_tags_code(int64_t) const override { return true; }
    bool matches_record(std::span<const char> record) const override;
    bool matches_properties(std::string_view raw_properties) const override;

  private:
    std::shared_ptr<const sql::Expression> selector_;
};

using CompiledSelector =
    common::Expected<std::shared_ptr<const sql::Expression>, sql::CompileError>;

/// Compiled selectors by text, the least recently used dropped beyond `capacity`.
class SelectorCache {
  public:
    explicit SelectorCache(size_t capacity = 1024) : capacity_(capacity) {}
    CompiledSelector get(std::string_view text);

  private:
    struct Entry {
        std::string text;
        CompiledSelector compiled;
    };
    size_t capacity_;
    std::mutex mutex_;
    std::list<Entry> recent_;  // most recent first
    std::unordered_map<std::string_view, std::list<Entry>::iterator> by_text_;
};

}  // namespace rmq::filter
