#pragma once
// `mqadmin help` and `mqadmin help <command>`, laid out like MQAdminStartup's list and
// commons-cli's HelpFormatter.
#include <string>

#include "cli/command_spec.hpp"

namespace rmq::mqadmin {

std::string commands_help();
std::string command_help(const CommandSpec& spec);

}  // namespace rmq::mqadmin
