#pragma once
// commons-cli-like parsing of one sub-command's arguments: "-t X", "-tX", "--topic X",
// "--topic=X"; flags without a value; the last occurrence of an option wins.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "cli/command_spec.hpp"

namespace rmq::mqadmin {

class ParsedOptions {
  public:
    bool has(const std::string& long_name) const { return values_.count(long_name) > 0; }
    /// The value trimmed, as Java reads getOptionValue(..).trim(); nullopt when absent.
    std::optional<std::string> get(const std::string& long_name) const;
    /// get() for an option the parser already checked is present (required ones).
    std::string require(const std::string& long_name) const;
    void set(const std::string& long_name, std::string value) {
        values_[long_name] = std::move(value);
    }

    /// Words that are neither options nor their values (ignored, as Java does).
    const std::vector<std::string>& ignored() const { return ignored_; }
    void add_ignored(std::string word) { ignored_.push_back(std::move(word)); }

  private:
    std::map<std::string, std::string> values_;
    std::vector<std::string> ignored_;
};

/// Parses `args` (what follows the command name) against `spec` and common_options(). Missing
/// required options are not checked when --help is present. Throws Failure (usage).
ParsedOptions parse_options(const CommandSpec& spec, const std::vector<std::string>& args);

/// Java's Integer.parseInt / Long.parseLong of the option's value, `fallback` when absent;
/// throws a usage Failure naming the option when it is not a number in [min, max].
int64_t integer_option(const ParsedOptions& options, const std::string& long_name, int64_t fallback,
                       int64_t min, int64_t max);
/// Java's Boolean.parseBoolean of the option's value ("true" in any case), `fallback` when
/// absent.
bool boolean_option(const ParsedOptions& options, const std::string& long_name, bool fallback);

}  // namespace rmq::mqadmin
