#pragma once
// The JSON files under <storePathRootDir>/config (spec/store-format.md §7) and the name server's
// kvConfig.json: written so that a crash at any moment leaves a complete file or a complete
// .bak, read with RocketMQ's fallback to the .bak.
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "store/store_error.hpp"

namespace rmq::store {

/// Replaces `path` with `content`: writes and fsyncs `<path>.tmp`, copies the current `path` (if
/// it has content) to `<path>.bak` and fsyncs it, renames the .tmp over `path`, fsyncs the
/// directory. Unlike MixAll.string2File, `path` is never deleted before the rename, so at every
/// moment `path` is either the old or the new content. Creates the directory if needed.
/// Not safe against concurrent writers of the same path: callers serialize persists per file.
Result<void> write_config_file(const std::filesystem::path& path, std::string_view content);

/// Decides whether a file's content is usable (normally: it parses into the table).
using ConfigValidator = std::function<Result<void>(std::string_view content)>;

/// RocketMQ's ConfigManager.load: the content of `path`, or of `<path>.bak` when `path` is
/// missing, empty, unreadable or rejected by `validate`; nullopt when neither holds anything
/// (a new store: empty tables). An error naming the file(s) when a file has content that cannot
/// be used and no usable .bak exists; Java would start with an empty table when the .bak is
/// missing too, which throws the table away at the next persist, so this refuses instead.
Result<std::optional<std::string>> read_config_file(const std::filesystem::path& path,
                                                    const ConfigValidator& validate);

/// `<path>.bak` and `<path>.tmp`.
std::filesystem::path backup_path(const std::filesystem::path& path);
std::filesystem::path temp_path(const std::filesystem::path& path);

}  // namespace rmq::store
