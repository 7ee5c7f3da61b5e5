#pragma once
// load()/persist() shared by the metadata tables: each table provides encode() (the pretty
// text) and decode(text); the file handling is config_file's.
#include <filesystem>
#include <optional>
#include <string_view>

#include "store/config_file.hpp"

namespace rmq::store::detail {

/// The table in `file` (or its .bak); a default-constructed table when neither exists.
template <class Table>
Result<Table> load_table(const std::filesystem::path& file) {
    std::optional<Table> decoded;
    auto content = read_config_file(file, [&decoded](std::string_view text) -> Result<void> {
        auto table = Table::decode(text);
        if (!table) return table.error();
        decoded = std::move(*table);
        return {};
    });
    if (!content) return content.error();
    if (!content->has_value()) return Table{};
    return std::move(*decoded);
}

template <class Table>
Result<void> persist_table(const std::filesystem::path& file, const Table& table) {
    return write_config_file(file, table.encode());
}

}  // namespace rmq::store::detail
