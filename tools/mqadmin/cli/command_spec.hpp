#pragma once
// The declarative shape of one mqadmin sub-command: its options as commons-cli would declare
// them in RocketMQ 4.9.8, so parsing, usage errors and help all come from one table.
#include <functional>
#include <string>
#include <vector>

namespace rmq::mqadmin {

struct CommandContext;

struct OptionSpec {
    char short_name = 0;
    std::string long_name;
    bool has_arg = true;
    bool required = false;
    std::string description;
};

struct CommandSpec {
    std::string name;
    std::string description;
    std::vector<OptionSpec> options;
    /// Short names of which exactly one must be given (commons-cli's required OptionGroup, as
    /// updateTopic's -b | -c); empty when the command has none.
    std::string one_of;
    std::function<int(CommandContext&)> run;
};

/// The options every command takes (ServerUtil.buildCommandlineOptions plus our --json).
const std::vector<OptionSpec>& common_options();

}  // namespace rmq::mqadmin
