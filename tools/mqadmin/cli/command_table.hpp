#pragma once
// Every sub-command mqadmin knows, in the order `mqadmin help` lists them.
#include <string_view>
#include <vector>

#include "cli/command_spec.hpp"

namespace rmq::mqadmin {

const std::vector<CommandSpec>& command_table();
/// Case-insensitive, as MQAdminStartup looks commands up; nullptr when unknown.
const CommandSpec* find_command(std::string_view name);

}  // namespace rmq::mqadmin
